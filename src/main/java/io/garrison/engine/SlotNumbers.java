package io.garrison.engine;

import java.util.List;

/**
 * Chooses workers' slot numbers, GNU parallel's {@code {%}}: each number from 1 to the pool's size, the lowest
 * free one first, so a worker that replaces a dead one takes the dead one's number. A number is free when no
 * live worker holds it; failing that (a worker past its quota still finishing what it holds while its
 * replacement starts), when no worker counted towards the size holds it, which keeps every number within
 * 1..size at the price of two workers sharing one for that while.
 *
 * <p>Threading: called only under the pool's lock, which guards the roster.
 */
final class SlotNumbers {

    private SlotNumbers() {
    }

    /** The number for a worker about to join a pool of {@code size}. */
    static int free(WorkerRoster roster, int size) {
        for (int number = 1; number <= size; number++) {
            if (!held(roster.all(), number)) {
                return number;
            }
        }
        List<Worker> active = roster.active();
        int number = 1;
        while (held(active, number)) {
            number++;
        }
        return number;
    }

    /**
     * After a shrink to {@code size}: the workers that stay and hold a number above it take free ones within it.
     * Tasks already handed to them keep the number they were sent with.
     */
    static void renumber(WorkerRoster roster, int size) {
        for (Worker worker : roster.active()) {
            if (worker.slot().number() > size) {
                worker.slot().number(free(roster, size));
            }
        }
    }

    private static boolean held(List<Worker> workers, int number) {
        for (Worker worker : workers) {
            if (worker.slot().number() == number) {
                return true;
            }
        }
        return false;
    }
}
