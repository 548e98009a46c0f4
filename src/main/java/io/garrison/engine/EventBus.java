package io.garrison.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Delivers events and callbacks on one daemon thread, in order, so that no listener ever runs on the
 * dispatch path. Publishing never blocks; while a listener is slow, events queue up and progress events of
 * the same task are coalesced to the newest.
 */
final class EventBus {

    private final List<PoolListener> listeners = new CopyOnWriteArrayList<>();
    private final ArrayDeque<Object> queue = new ArrayDeque<>();
    private final String threadName;
    private Thread thread;
    private boolean delivering;

    EventBus(String threadName) {
        this.threadName = threadName;
    }

    private volatile boolean taskStartsWanted;
    private volatile boolean succeededInputsWanted;
    private volatile boolean succeededRunsWanted;
    /** Set once the pool has ended: the thread leaves when the queue is empty (and returns if more comes). */
    private boolean retired;
    private boolean deliveryWaiting;

    void addListener(PoolListener listener) {
        listeners.add(listener);
        readWishes();
    }

    void removeListener(PoolListener listener) {
        listeners.remove(listener);
        readWishes();
    }

    /**
     * What the listeners as a whole want built. A loop, not a stream: on a pool's start-up path each new lambda
     * shape costs a cold JVM a class spin.
     */
    private synchronized void readWishes() {
        boolean taskStarts = false;
        boolean succeededInputs = false;
        boolean runs = !listeners.isEmpty();
        for (PoolListener listener : listeners) {
            taskStarts |= listener.wantsTaskStarts();
            succeededInputs |= listener.wantsSucceededInputs();
            runs &= listener.wantsSucceededRuns();
        }
        taskStartsWanted = taskStarts;
        succeededInputsWanted = succeededInputs;
        succeededRunsWanted = runs && !taskStarts;
    }

    boolean wantsTaskStarts() {
        return taskStartsWanted;
    }

    boolean wantsSucceededInputs() {
        return succeededInputsWanted;
    }

    /**
     * Publishes events made together (a batch of results) with one hand-over to the event thread: events, and
     * {@link SucceededRun}s that the event thread turns into events or hands whole to listeners that take runs.
     */
    void publishAll(List<Object> batch) {
        if (hasListeners() && !batch.isEmpty()) {
            synchronized (this) {
                queue.addAll(batch);
                wakeDelivery();
            }
        }
    }

    /** Lets callers skip building events nobody will read. */
    boolean hasListeners() {
        return !listeners.isEmpty();
    }

    void publish(PoolEvent event) {
        if (hasListeners()) {
            enqueue(event);
        }
    }

    /** Runs a callback on the event thread, after the events published before it. */
    void execute(Runnable callback) {
        enqueue(callback);
    }

    private synchronized void enqueue(Object item) {
        queue.add(item);
        wakeDelivery();
    }

    /** Wakes the event thread only if it sleeps: a notify per event would bounce it awake per event. */
    private void wakeDelivery() {
        if (thread == null) {
            thread = new Thread(threadName) {
                @Override
                public void run() {
                    deliverForever();
                }
            };
            thread.setDaemon(true);
            thread.start();
        }
        if (deliveryWaiting) {
            notifyAll();
        }
    }

    /** The pool has ended: let the thread go once everything is delivered, so ended pools leave no thread. */
    synchronized void retire() {
        retired = true;
        notifyAll();
    }

    /** Waits until everything published so far has been delivered. */
    synchronized void awaitIdle() throws InterruptedException {
        while (!queue.isEmpty() || delivering) {
            deliveryWaiting = true;
            wait();
        }
    }

    /** {@link #awaitIdle()}, giving up at the deadline ({@link System#nanoTime()}). @return whether it went idle */
    synchronized boolean awaitIdle(long deadline) throws InterruptedException {
        while (!queue.isEmpty() || delivering) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            deliveryWaiting = true;
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    private void deliverForever() {
        while (true) {
            List<Object> batch;
            synchronized (this) {
                delivering = false;
                notifyAll();
                while (queue.isEmpty()) {
                    if (retired) {
                        thread = null;
                        return;
                    }
                    try {
                        deliveryWaiting = true;
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                deliveryWaiting = false;
                batch = new ArrayList<>(queue);
                queue.clear();
                delivering = true;
            }
            deliver(coalesceProgress(batch));
            boolean idle;
            synchronized (this) {
                idle = queue.isEmpty();
            }
            if (idle) {
                for (PoolListener listener : listeners) {
                    try {
                        listener.onIdle();
                    } catch (RuntimeException e) {
                        dropFailed(listener, e);
                    }
                }
            }
        }
    }

    private void deliver(List<Object> batch) {
        for (Object item : batch) {
            if (item instanceof PoolEvent event) {
                deliver(event);
            } else if (item instanceof SucceededRun run) {
                if (succeededRunsWanted && !run.withStarts()) {
                    deliver(run);
                } else {
                    run.forEachEvent(this::deliver);
                }
            } else {
                try {
                    ((Runnable) item).run();
                } catch (RuntimeException e) {
                    log().log(System.Logger.Level.WARNING, "a task callback failed", e);
                }
            }
        }
    }

    private void deliver(PoolEvent event) {
        for (PoolListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                dropFailed(listener, e);
            }
        }
    }

    /** Each listener asked again: one added after the wishes were read gets the run as events if it wants them so. */
    private void deliver(SucceededRun run) {
        for (PoolListener listener : listeners) {
            try {
                run.deliverTo(listener);
            } catch (RuntimeException e) {
                dropFailed(listener, e);
            }
        }
    }

    /**
     * A listener that throws is told nothing more: one message instead of one per event (a closed output
     * would otherwise report a million times), and the other listeners and the pool carry on.
     */
    private void dropFailed(PoolListener listener, RuntimeException e) {
        log().log(System.Logger.Level.WARNING, "a pool listener failed and gets no more events", e);
        removeListener(listener);
    }

    /** Keeps only the newest progress event of each task within a batch. */
    private static List<Object> coalesceProgress(List<Object> batch) {
        Set<Integer> seen = new HashSet<>();
        boolean any = false;
        for (Object item : batch) {
            if (item instanceof PoolEvent.TaskProgress) {
                any = true;
                break;
            }
        }
        if (!any) {
            return batch;
        }
        ArrayList<Object> kept = new ArrayList<>(batch.size());
        for (int i = batch.size() - 1; i >= 0; i--) {
            Object item = batch.get(i);
            if (item instanceof PoolEvent.TaskProgress progress && !seen.add(progress.task())) {
                continue;
            }
            kept.add(item);
        }
        java.util.Collections.reverse(kept);
        return kept;
    }

    /** Asked for when needed: finding a logger starts the logging system, which a pool's start-up need not pay for. */
    private static System.Logger log() {
        return System.getLogger(EventBus.class.getName());
    }
}
