package io.garrison.engine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The future result of {@link ProcessPool#applyAsync}, like Python's {@code AsyncResult}. It always
 * completes: with the value, with the task's failure, or with the pool's termination; a dead worker never
 * leaves it waiting.
 */
public final class AsyncResult<R> {

    private final CompletableFuture<R> future = new CompletableFuture<>();

    AsyncResult() {
    }

    /** Waits for the result. @throws TaskFailedException if the task failed */
    public R get() throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw rethrow(e);
        }
    }

    /** Waits at most the given time. @throws TimeoutException if the task has not finished by then */
    public R get(long timeout, TimeUnit unit) throws InterruptedException, TimeoutException {
        try {
            return future.get(timeout, unit);
        } catch (ExecutionException e) {
            throw rethrow(e);
        }
    }

    /** Whether the task has finished, either way. */
    public boolean ready() {
        return future.isDone();
    }

    /** Whether the task finished without failing. @throws IllegalStateException if it has not finished */
    public boolean successful() {
        if (!future.isDone()) {
            throw new IllegalStateException("the result is not ready");
        }
        return !future.isCompletedExceptionally();
    }

    /**
     * Completes with {@code value}; with a callback, only once the callback has run on the event thread. As in
     * Python, whose result handler runs the callback before it marks the result ready, a caller whose
     * {@code get()} returns can use what the callback did. A callback that throws is logged by the event thread
     * and the result completes all the same.
     */
    void succeed(R value, Consumer<? super R> onSuccess, EventBus events) {
        if (onSuccess == null) {
            future.complete(value);
        } else {
            events.execute(new CallbackFirst<>(onSuccess, value, this, false));
        }
    }

    /** Fails with {@code failure}; with a callback, only once it has run, as {@link #succeed} does. */
    void fail(TaskFailedException failure, Consumer<? super TaskFailedException> onError, EventBus events) {
        if (onError == null) {
            future.completeExceptionally(failure);
        } else {
            events.execute(new CallbackFirst<>(onError, failure, this, true));
        }
    }

    /**
     * Runs a callback on the event thread, then settles the result, whether the callback returned or threw. A
     * class rather than a lambda: {@code applyAsync} of a cold JVM would otherwise pay a class spin for it.
     */
    private static final class CallbackFirst<V> implements Runnable {
        private final Consumer<? super V> callback;
        private final V outcome;
        private final AsyncResult<?> result;
        private final boolean failure;

        CallbackFirst(Consumer<? super V> callback, V outcome, AsyncResult<?> result, boolean failure) {
            this.callback = callback;
            this.outcome = outcome;
            this.result = result;
            this.failure = failure;
        }

        @Override
        @SuppressWarnings("unchecked")
        public void run() {
            try {
                callback.accept(outcome);
            } finally {
                if (failure) {
                    result.future.completeExceptionally((Throwable) outcome);
                } else {
                    ((AsyncResult<V>) result).future.complete(outcome);
                }
            }
        }
    }

    private static RuntimeException rethrow(ExecutionException e) {
        if (e.getCause() instanceof TaskFailedException failed) {
            return failed;
        }
        return new IllegalStateException(e.getCause());
    }
}
