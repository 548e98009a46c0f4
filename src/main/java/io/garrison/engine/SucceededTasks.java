package io.garrison.engine;

import java.util.function.Consumer;

/**
 * Consecutive successes of one worker, handed whole to a listener that takes them
 * ({@link PoolListener#wantsSucceededRuns()}): for a million results, a listener that only prints or counts
 * them then costs the parent no two million event objects. Each task is also a {@link PoolEvent.TaskSucceeded}
 * that {@link #forEachEvent} builds, with the same fields. Only quiet successes come in runs: a task that printed
 * anything, or failed, is an event of its own, so every task of a run has empty output. Valid only during the
 * call that receives it.
 */
public interface SucceededTasks {

    /** How many tasks succeeded in this run. */
    int count();

    /** The worker that ran them. */
    long pid();

    /** The {@code i}-th task's index, as in its {@link PoolEvent.TaskSucceeded#task()}. */
    int task(int i);

    /** The {@code i}-th task's result as text, as in its {@link PoolEvent.TaskSucceeded#result()}. */
    String result(int i);

    /** The same tasks as events, in order: each start (when listeners read starts), then its success. */
    void forEachEvent(Consumer<PoolEvent> deliver);

    /** Hands this run to {@code listener} whole if it takes runs, else as its events. */
    default void deliverTo(PoolListener listener) {
        if (listener.wantsSucceededRuns()) {
            listener.onSucceededRun(this);
        } else {
            forEachEvent(listener::onEvent);
        }
    }
}
