package io.garrison.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Gathers the outcomes of one {@code map}/{@code imap} submission. Workers fill it through {@link Job.ResultSink}
 * (under the pool's lock); the caller reads it in input order or in completion order. Every slot is filled
 * eventually, because the pool fails a task rather than lose it.
 */
final class ResultCollector implements Job.ResultSink {

    private final Object[] values;
    private final TaskFailedException[] failures;
    private final boolean[] done;
    private final BlockingQueue<Integer> completionOrder;
    private int remaining;
    /** Whether an in-order reader waits for a single result; otherwise only the last result wakes anyone. */
    private boolean waiting;

    /** @param trackCompletionOrder whether {@link #inCompletionOrder} will be used */
    ResultCollector(int size, boolean trackCompletionOrder) {
        this.values = new Object[size];
        this.failures = new TaskFailedException[size];
        this.done = new boolean[size];
        this.completionOrder = trackCompletionOrder ? new ArrayBlockingQueue<>(Math.max(1, size)) : null;
        this.remaining = size;
    }

    @Override
    public synchronized void succeeded(Job job, Object result) {
        values[job.index] = result;
        finish(job.index);
    }

    @Override
    public synchronized void failed(Job job, TaskFailedException failure) {
        failures[job.index] = failure;
        finish(job.index);
    }

    private void finish(int index) {
        done[index] = true;
        remaining--;
        if (completionOrder != null) {
            completionOrder.add(index);
        }
        if (remaining == 0 || waiting) {
            notifyAll();
        }
    }

    /** Waits for every task; throws the failure of the lowest-index failed task, like Python's map. */
    @SuppressWarnings("unchecked")
    synchronized <R> List<R> all() throws InterruptedException {
        while (remaining > 0) {
            wait();
        }
        for (TaskFailedException failure : failures) {
            if (failure != null) {
                throw failure;
            }
        }
        return (List<R>) new ArrayList<>(Arrays.asList(values));
    }

    <R> Iterator<R> inOrder() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < values.length;
            }

            @Override
            @SuppressWarnings("unchecked")
            public R next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int index = next++;
                synchronized (ResultCollector.this) {
                    while (!done[index]) {
                        waiting = true;
                        waitInterruptibly();
                    }
                    if (failures[index] != null) {
                        throw failures[index];
                    }
                    return (R) values[index];
                }
            }
        };
    }

    <R> Iterator<R> inCompletionOrder() {
        return new Iterator<>() {
            private int taken;

            @Override
            public boolean hasNext() {
                return taken < values.length;
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
                    if (failures[index] != null) {
                        throw failures[index];
                    }
                    return (R) values[index];
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
}
