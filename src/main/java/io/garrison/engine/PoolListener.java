package io.garrison.engine;

/**
 * Receives pool events on the pool's single event thread, in order. A slow listener delays only later
 * events, never the workers: the engine queues events and coalesces progress while it waits.
 */
@FunctionalInterface
public interface PoolListener {
    void onEvent(PoolEvent event);

    /**
     * Whether this listener reads {@link PoolEvent.TaskStarted}. When no listener does, the pool does not build
     * them, which matters at a million tasks.
     */
    default boolean wantsTaskStarts() {
        return true;
    }

    /**
     * Whether this listener reads {@link PoolEvent.TaskSucceeded#input()}. When no listener does, those events
     * carry an empty input rather than one rebuilt from the task's: a million results then cost the parent no
     * million input strings.
     */
    default boolean wantsSucceededInputs() {
        return true;
    }

    /**
     * Whether this listener takes a worker's consecutive successes as one {@link SucceededTasks} in
     * {@link #onSucceededRun} instead of a {@link PoolEvent.TaskSucceeded} each. They come that way only while
     * every listener of the pool takes them and none reads task starts; otherwise, and for retried tasks, this
     * listener gets the events as before, so it must handle both.
     */
    default boolean wantsSucceededRuns() {
        return false;
    }

    /** Successes as a run; only called when {@link #wantsSucceededRuns()}. Delivers them as events unless overridden. */
    default void onSucceededRun(SucceededTasks run) {
        run.forEachEvent(this::onEvent);
    }

    /** Called after a burst of events when no more are waiting: a good moment to flush output. */
    default void onIdle() {
    }
}
