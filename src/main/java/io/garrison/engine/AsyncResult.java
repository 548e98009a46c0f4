package io.garrison.engine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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

    void complete(R value) {
        future.complete(value);
    }

    void fail(TaskFailedException failure) {
        future.completeExceptionally(failure);
    }

    private static RuntimeException rethrow(ExecutionException e) {
        if (e.getCause() instanceof TaskFailedException failed) {
            return failed;
        }
        return new IllegalStateException(e.getCause());
    }
}
