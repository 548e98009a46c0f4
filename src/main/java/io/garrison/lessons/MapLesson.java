package io.garrison.lessons;

import io.garrison.engine.PoolListener;
import io.garrison.engine.ProcessPool;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The tutorial's first program: a pool of five worker processes squares 1..10 with {@code map}; the results
 * come back in input order whichever process computed them.
 */
public final class MapLesson {

    /** The pool size of the tutorial's program. */
    public static final int WORKERS = 5;

    /** The numbers the tutorial squares. */
    public static final List<Integer> INPUTS = IntStream.rangeClosed(1, 10).boxed().toList();

    private MapLesson() {
    }

    /**
     * What {@code map} returned.
     *
     * @param inputs the numbers, in order
     * @param squares their squares, in the same order
     * @param workerPids the PIDs of the pool's processes
     * @param elapsedMs how long {@code map} took
     */
    public record Outcome(List<Integer> inputs, List<Integer> squares, List<Long> workerPids, long elapsedMs) {
    }

    /**
     * Runs the program on a pool of its own.
     *
     * @param workMs how long each task works before it answers; squaring alone takes microseconds, so the first
     *               free worker would take every number before the others look up, and a class would see one PID
     * @param listener sees the pool's events; may be {@code null}
     */
    public static Outcome run(long workMs, PoolListener listener) throws InterruptedException {
        try (ProcessPool pool = LessonPools.create(WORKERS, listener)) {
            // Wait for all five so the work spreads over all of them, as on a machine where they start at once.
            pool.awaitReady(LessonPools.READY_TIMEOUT);
            List<Long> pids = pool.workerPids();
            long start = System.nanoTime();
            // One task per message, so every number visibly goes to the next free worker.
            List<Integer> squares = pool.map(workMs > 0 ? LessonTasks.slowSquare(workMs) : LessonTasks.square(), INPUTS, 1);
            return new Outcome(INPUTS, squares, pids, (System.nanoTime() - start) / 1_000_000L);
        }
    }

}
