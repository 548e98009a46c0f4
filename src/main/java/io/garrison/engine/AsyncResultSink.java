package io.garrison.engine;

import java.util.function.Consumer;

/**
 * Takes one {@code applyAsync} task's outcome to its {@link AsyncResult}, and to the caller's callbacks on the
 * pool's event thread. Called under the pool's lock: it completes the result, or queues the callback that
 * completes it once it has run, no more.
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
        result.succeed((R) value, onSuccess, events);
    }

    @Override
    public void failed(int position, Submission.FailedTask failed) {
        result.fail(failed.exception(), onError, events);
    }
}
