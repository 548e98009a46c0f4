package io.garrison.engine;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Supplier;

/**
 * The outcomes of one {@code imap} over a source read as the workers need it, held from when their inputs are
 * read until the caller takes them, and the read-ahead that bounds them. While the pool runs, the feeder reads
 * at most a window of inputs past what the caller has taken, so a source of any length costs the parent the
 * same; once the pool is closed, past what has finished instead, so that {@code close()} and {@code join()} run
 * the whole source even when nobody takes the results, as Python's do.
 *
 * <p>The end of the inputs is a position too: what the source's iterator threw, or that a halt or
 * {@code terminate()} stopped the reading, is raised there, after the outcome of every input read before it, in
 * input order and in completion order alike.
 *
 * <p>Threading: outcomes arrive, and the pool tells of its changes, under the pool's lock; the caller takes on
 * its thread and the feeder waits on its own; all meet under this object's monitor, which never waits for the
 * pool's lock.
 */
final class StreamedResults implements Dispatcher.Feed {

    /** A ring slot whose outcome has not come yet. */
    private static final Object PENDING = new Object();
    /** Stands for a null result in the completion-order queue, which takes no nulls. */
    private static final Object NULL = new Object();
    private static final int FIRST_RING = 16;

    private final boolean inCompletionOrder;
    /** Why tasks submitted now would not run; asked outside this monitor, as it takes the pool's lock. */
    private final Supplier<String> notRunReason;
    /** In input order: the outcome of input {@code i} at {@code i % ring.length}, from {@link #taken} on. */
    private Object[] ring;
    /** In completion order: the outcomes as they came. */
    private final ArrayDeque<Object> arrived;
    /** Inputs read and made tasks. */
    private int read;
    /** Outcomes the caller has taken. */
    private int taken;
    /** Outcomes that have come. */
    private int finished;
    private boolean poolRunning = true;
    /** No input after {@link #read} will come. */
    private boolean ended;
    /** The pool stopped the reading: a halt, or terminate(). */
    private boolean cut;
    private Throwable sourceError;
    private boolean endRaised;
    /** Threads waiting on this monitor; a result wakes nobody when nobody waits. */
    private int waiting;

    StreamedResults(boolean inCompletionOrder, Supplier<String> notRunReason) {
        this.inCompletionOrder = inCompletionOrder;
        this.notRunReason = notRunReason;
        this.ring = inCompletionOrder ? null : newRing(FIRST_RING);
        this.arrived = inCompletionOrder ? new ArrayDeque<>() : null;
    }

    /**
     * The feeder's wait until {@code count} more inputs keep the read-ahead within {@code window}: past what the
     * caller took while the pool runs, past what finished once it is closed. @return false once no more are taken
     */
    synchronized boolean awaitRoom(int count, int window) throws InterruptedException {
        while (!ended && (poolRunning ? read - taken : read - finished) + count > window) {
            waiting++;
            try {
                wait();
            } finally {
                waiting--;
            }
        }
        return !ended;
    }

    /** {@code count} more inputs were read and go to the pool as tasks. @return false once no more are taken */
    synchronized boolean expect(int count) {
        if (ended) {
            return false;
        }
        if (ring != null && read + count - taken > ring.length) {
            grow(read + count - taken);
        }
        read += count;
        wake();
        return true;
    }

    /** The source has ended, with what its iterator threw or null. */
    synchronized void sourceEnded(Throwable error) {
        if (!ended) {
            ended = true;
            sourceError = error;
        }
        notifyAll();
    }

    @Override
    public synchronized void poolClosed() {
        poolRunning = false;
        notifyAll();
    }

    @Override
    public synchronized void cut() {
        if (!ended) {
            ended = true;
            cut = true;
        }
        notifyAll();
    }

    synchronized void succeeded(int index, Object value) {
        arrive(index, value);
        wake();
    }

    synchronized void succeeded(int firstIndex, ResultColumn values, int from, int count) {
        for (int i = 0; i < count; i++) {
            arrive(firstIndex + i, values.get(from + i));
        }
        wake();
    }

    synchronized void failed(int index, Submission.FailedTask failure) {
        arrive(index, failure);
        wake();
    }

    private void arrive(int index, Object outcome) {
        finished++;
        if (inCompletionOrder) {
            arrived.add(outcome == null ? NULL : outcome);
        } else {
            ring[index % ring.length] = outcome;
        }
    }

    private void wake() {
        if (waiting > 0) {
            notifyAll();
        }
    }

    private void grow(int needed) {
        Object[] larger = newRing(Math.max(needed, ring.length * 2));
        for (int i = taken; i < read; i++) {
            larger[i % larger.length] = ring[i % ring.length];
        }
        ring = larger;
    }

    private static Object[] newRing(int size) {
        Object[] slots = new Object[size];
        Arrays.fill(slots, PENDING);
        return slots;
    }

    /** The results in the order chosen; each failed task throws its {@link TaskFailedException} in its place. */
    <R> Iterator<R> iterator() {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                synchronized (StreamedResults.this) {
                    return hasMore();
                }
            }

            @Override
            @SuppressWarnings("unchecked")
            public R next() {
                Object outcome = take();
                if (outcome instanceof Submission.FailedTask failure) {
                    throw failure.exception();
                }
                return (R) outcome;
            }
        };
    }

    private boolean hasMore() {
        while (!ended && taken == read) {
            awaitInterruptibly();
        }
        return taken < read || (!endRaised && (cut || sourceError != null));
    }

    /** The next outcome; at the end of the inputs, raises why they ended early, if they did. */
    private Object take() {
        synchronized (this) {
            if (!hasMore()) {
                throw new NoSuchElementException();
            }
            if (taken < read) {
                Object outcome;
                if (inCompletionOrder) {
                    while (arrived.isEmpty()) {
                        awaitInterruptibly();
                    }
                    outcome = arrived.poll();
                    outcome = outcome == NULL ? null : outcome;
                } else {
                    while (ring[taken % ring.length] == PENDING) {
                        awaitInterruptibly();
                    }
                    outcome = ring[taken % ring.length];
                    ring[taken % ring.length] = PENDING;
                }
                taken++;
                wake();
                return outcome;
            }
            endRaised = true;
        }
        throw endOfInputs();
    }

    /** Raised at the end of the inputs read; built outside the monitor, as the pool's reason takes its lock. */
    private RuntimeException endOfInputs() {
        Throwable error;
        int position;
        synchronized (this) {
            error = sourceError;
            position = read;
        }
        if (error instanceof RuntimeException unchecked) {
            return unchecked;
        }
        if (error instanceof Error fatal) {
            throw fatal;
        }
        if (error != null) {
            return new IllegalStateException("the inputs' iterator failed: " + error, error);
        }
        return new Submission.FailedTask(position, 0, notRunReason.get() + "; the inputs from here on were not read",
                "", FailureCause.NOT_RUN).exception();
    }

    private void awaitInterruptibly() {
        waiting++;
        try {
            wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a result", e);
        } finally {
            waiting--;
        }
    }
}
