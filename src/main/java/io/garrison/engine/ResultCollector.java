package io.garrison.engine;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.RandomAccess;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * Gathers the outcomes of one {@code map}/{@code imap} submission. Workers fill it through {@link Submission.ResultSink}
 * (under the pool's lock); the caller reads it in input order or in completion order. Every slot is filled
 * eventually, because the pool fails a task rather than lose it.
 */
final class ResultCollector implements Submission.ResultSink {

    private final ResultColumn values;
    /**
     * Null until a task fails: most maps have no failure to keep a slot for. Exceptions are made when they are
     * thrown, on the caller's thread, so their stack shows the caller's {@code map} rather than a pool thread.
     */
    private Submission.FailedTask[] failures;
    /** Which positions have their outcome; a bit each, set a batch at a time, word by word. */
    private final BitSet done;
    private final BlockingQueue<Integer> completionOrder;
    private int remaining;
    /** Whether an in-order reader waits for a single result; otherwise only the last result wakes anyone. */
    private boolean waiting;
    /** What {@link #settleWhenDone} asked for once every task has its outcome; null when nothing waits. */
    private Runnable whenDone;

    /** @param trackCompletionOrder whether {@link #inCompletionOrder} will be used */
    ResultCollector(int size, boolean trackCompletionOrder) {
        this.values = new ResultColumn(size);
        this.done = new BitSet(size);
        this.completionOrder = trackCompletionOrder ? new ArrayBlockingQueue<>(Math.max(1, size)) : null;
        this.remaining = size;
    }

    @Override
    public synchronized void succeeded(int position, Object result) {
        values.set(position, result);
        finish(position, 1);
    }

    @Override
    public synchronized void succeeded(int firstPosition, ResultColumn results, int from, int count) {
        values.copy(results, from, firstPosition, count);
        finish(firstPosition, count);
    }

    @Override
    public synchronized void failed(int position, Submission.FailedTask failure) {
        if (failures == null) {
            failures = new Submission.FailedTask[values.size()];
        }
        failures[position] = failure;
        finish(position, 1);
    }

    private void finish(int firstPosition, int count) {
        done.set(firstPosition, firstPosition + count);
        remaining -= count;
        if (completionOrder != null) {
            for (int i = firstPosition; i < firstPosition + count; i++) {
                completionOrder.add(i);
            }
        }
        if (remaining == 0 || waiting) {
            notifyAll();
        }
        if (remaining == 0 && whenDone != null) {
            Runnable settle = whenDone;
            whenDone = null;
            settle.run();
        }
    }

    /**
     * Settles {@code result} once every task has its outcome, as {@link #all} would return or throw, its callback
     * first (see {@link AsyncResult#succeed}): Python's {@code map_async}.
     */
    synchronized <R> void settleWhenDone(AsyncResult<List<R>> result, Consumer<? super List<R>> onSuccess,
                                         Consumer<? super TaskFailedException> onError, EventBus events) {
        whenDone = () -> {
            List<R> values;
            try {
                values = completed();
            } catch (TaskFailedException failure) {
                result.fail(failure, onError, events);
                return;
            }
            result.succeed(values, onSuccess, events);
        };
        if (remaining == 0) {
            whenDone.run();
            whenDone = null;
        }
    }

    private void throwIfFailed(int position) {
        if (failures != null && failures[position] != null) {
            throw failures[position].exception();
        }
    }

    /**
     * Waits for every task, as Python's map does; throws the failure of the lowest-index failed task, where
     * Python's throws the first to arrive: the same inputs then always throw the same failure. The list is
     * fixed-size, like {@link Arrays#asList}; int results stay unboxed in it until read.
     */
    synchronized <R> List<R> all() throws InterruptedException {
        while (remaining > 0) {
            wait();
        }
        return completed();
    }

    /** The outcome of a submission whose every task has its outcome, as {@link #all} gives it. */
    @SuppressWarnings("unchecked")
    private <R> List<R> completed() {
        if (failures != null) {
            for (Submission.FailedTask failure : failures) {
                if (failure != null) {
                    throw failure.exception();
                }
            }
        }
        return (List<R>) new ResultList(values);
    }

    <R> Iterator<R> inOrder() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < values.size();
            }

            @Override
            @SuppressWarnings("unchecked")
            public R next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int index = next++;
                synchronized (ResultCollector.this) {
                    while (!done.get(index)) {
                        waiting = true;
                        waitInterruptibly();
                    }
                    throwIfFailed(index);
                    return (R) values.get(index);
                }
            }
        };
    }

    <R> Iterator<R> inCompletionOrder() {
        return new Iterator<>() {
            private int taken;

            @Override
            public boolean hasNext() {
                return taken < values.size();
            }

            @Override
            @SuppressWarnings("unchecked")
            public R next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                taken++;
                int index;
                try {
                    index = completionOrder.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for a result", e);
                }
                synchronized (ResultCollector.this) {
                    throwIfFailed(index);
                    return (R) values.get(index);
                }
            }
        };
    }

    private void waitInterruptibly() {
        try {
            wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a result", e);
        }
    }

    /**
     * The results of a finished map; owned by the caller from then on. Serializable (as an {@code ArrayList}), so
     * one map's results can be the input of the next.
     */
    private static final class ResultList extends AbstractList<Object> implements RandomAccess, java.io.Serializable {
        private static final long serialVersionUID = 1L;
        private final transient ResultColumn column;

        ResultList(ResultColumn column) {
            this.column = column;
        }

        @Override
        public Object get(int index) {
            return column.get(java.util.Objects.checkIndex(index, column.size()));
        }

        @Override
        public Object set(int index, Object element) {
            Object previous = column.get(java.util.Objects.checkIndex(index, column.size()));
            column.set(index, element);
            return previous;
        }

        @Override
        public int size() {
            return column.size();
        }

        private Object writeReplace() {
            return new java.util.ArrayList<>(this);
        }
    }
}
