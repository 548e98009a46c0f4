package io.garrison.engine;

import java.util.function.Consumer;

/**
 * Takes one {@code applyAsync} task's outcome to its {@link AsyncResult}, and to the caller's callbacks on the
 * pool's event thread. Called under the pool's lock: it completes the result and queues the callback, no more.
 */
final class AsyncResultSink<R> implements Submission.ResultSink {

    private final AsyncResult<R> result;
    private final Consumer<? super R> onSuccess;
    private final Consumer<? super TaskFailedException> onError;
    private final EventBus events;

    AsyncResultSink(AsyncResult<R> result, Consumer<? super R> onSuccess,
                    Consumer<? super TaskFailedException> onError, EventBus events) {
        this.result = result;
        this.onSuccess = onSuccess;
        this.onError = onError;
        this.events = events;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void succeeded(int position, Object value) {
        result.complete((R) value);
        if (onSuccess != null) {
            events.execute(() -> onSuccess.accept((R) value));
        }
    }

    @Override
    public void failed(int position, Submission.FailedTask failed) {
        TaskFailedException failure = failed.exception();
        result.fail(failure);
        if (onError != null) {
            events.execute(() -> onError.accept(failure));
        }
    }
}
