package io.garrison.engine;

import java.util.List;

/**
 * The pool as it stands at one instant, read under its lock: its state, the tasks waiting for a worker, and each
 * live worker with whether it is running a task. A view drawn from the pool's events checks itself against this:
 * every event stamped before {@link #takenAtMs()} has been emitted when it is taken.
 *
 * @param takenAtMs   when it was taken, by {@link System#currentTimeMillis()}, the clock of the events' stamps
 * @param state       the pool's state
 * @param queuedTasks tasks handed to the pool and not yet sent to a worker
 * @param workers     the live, ready workers in start order
 */
public record PoolSnapshot(long takenAtMs, PoolState state, int queuedTasks, List<WorkerSnapshot> workers) {

    public PoolSnapshot {
        workers = List.copyOf(workers);
    }

    /**
     * One live worker.
     *
     * @param id      the worker's process
     * @param running whether it has begun a task it has not finished (a task sent ahead and not begun is not one)
     */
    public record WorkerSnapshot(WorkerId id, boolean running) {
    }
}
