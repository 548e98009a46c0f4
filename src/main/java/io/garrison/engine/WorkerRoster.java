package io.garrison.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The pool's workers that have not exited yet, in start order, and their slots in the same order for dispatch.
 *
 * <p>Threading: accessed only under the pool's lock.
 */
final class WorkerRoster implements Dispatcher.Roster {

    private final List<Worker> workers = new ArrayList<>();
    private final List<WorkerSlot> slots = new ArrayList<>();

    void add(Worker worker) {
        workers.add(worker);
        slots.add(worker.slot());
    }

    void remove(Worker worker) {
        workers.remove(worker);
        slots.remove(worker.slot());
    }

    /** Every worker not yet exited; a read-only view. */
    List<Worker> all() {
        return Collections.unmodifiableList(workers);
    }

    @Override
    public List<WorkerSlot> slots() {
        return Collections.unmodifiableList(slots);
    }

    boolean isEmpty() {
        return workers.isEmpty();
    }

    /** Workers counted towards the pool's size: not retiring, not told to leave, not gone. */
    List<Worker> active() {
        List<Worker> active = new ArrayList<>(workers.size());
        for (Worker worker : workers) {
            if (worker.slot().isActive()) {
                active.add(worker);
            }
        }
        return active;
    }

    int activeCount() {
        return active().size();
    }

    int readyActiveCount() {
        int ready = 0;
        for (Worker worker : active()) {
            if (worker.isReady()) {
                ready++;
            }
        }
        return ready;
    }

    Optional<Worker> byPid(long pid) {
        for (Worker worker : workers) {
            if (worker.pid() == pid) {
                return Optional.of(worker);
            }
        }
        return Optional.empty();
    }
}
