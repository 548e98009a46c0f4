package io.garrison.python;

import io.garrison.engine.FailureCause;
import io.garrison.engine.PoolEvent;
import io.garrison.engine.PoolListener;
import java.lang.System.Logger.Level;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The run's event thread: takes what the probe's connections say (from their reader threads, any thread), adds
 * the lost tasks and one story per worker ({@link WorkerReports}) and, once the script has ended, a {@link PoolEvent.RunFinished} of the tasks
 * seen, and hands it all to the run's listener in arrival order on this one thread. The listener's
 * {@link PoolListener#onIdle()} follows each burst, as the engine's does.
 */
final class ProbeEvents implements ProbeServer.Receiver {

    /** What the thread takes, in order. */
    private sealed interface Arrival {
    }

    private record Events(long pid, List<PoolEvent> events) implements Arrival {
    }

    private record Ended(long pid) implements Arrival {
    }

    private record ScriptEnded(String reason, long elapsedMs) implements Arrival {
    }

    private static final System.Logger LOG = System.getLogger(ProbeEvents.class.getName());

    private final LinkedBlockingQueue<Arrival> arrivals = new LinkedBlockingQueue<>();
    private final PoolListener listener;
    private final Runnable onLostTask;
    private final LongSupplier clock;
    private final Thread thread;
    // The fields below are the event thread's alone.
    private final WorkerReports workers = new WorkerReports();
    private final Set<Integer> tasks = new HashSet<>();
    private int succeeded;
    private int failed;
    private int lostTasks;

    /**
     * @param onLostTask called on the event thread after each task a dead worker took with it
     * @param clock      milliseconds since the epoch, for the events this class makes
     */
    ProbeEvents(PoolListener listener, Runnable onLostTask, LongSupplier clock) {
        this.listener = listener;
        this.onLostTask = onLostTask;
        this.clock = clock;
        this.thread = new Thread(this::deliver, "garrison-python-events");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void events(long pid, List<PoolEvent> events) {
        if (!events.isEmpty()) {
            arrivals.add(new Events(pid, events));
        }
    }

    @Override
    public void ended(long pid) {
        arrivals.add(new Ended(pid));
    }

    /**
     * The script has ended and its connections with it: what its workers were still running ends unfinished for
     * {@code reason}, a run-finished follows, and the thread ends once all of it is delivered.
     */
    void scriptEnded(String reason, long elapsedMs) {
        arrivals.add(new ScriptEnded(reason, elapsedMs));
    }

    /** Ends the thread without a word to the listener: the script never started. */
    void abandon() {
        thread.interrupt();
    }

    /** Waits until every event, the run-finished last, has been delivered. */
    void awaitDelivered() throws InterruptedException {
        thread.join();
    }

    /** Tasks lost so far; read once {@link #awaitDelivered()} returned. */
    int lostTasks() {
        return lostTasks;
    }

    private void deliver() {
        while (true) {
            Arrival arrival;
            try {
                // An exit waiting for its worker's connection is settled after a while even if nothing comes.
                arrival = workers.waiting() ? arrivals.poll(100, TimeUnit.MILLISECONDS) : arrivals.take();
            } catch (InterruptedException e) {
                return;
            }
            long now = clock.getAsLong();
            if (arrival instanceof Events e) {
                for (PoolEvent event : e.events()) {
                    hand(workers.onEvent(e.pid(), event, now));
                }
            } else if (arrival instanceof Ended e) {
                hand(workers.connectionEnded(e.pid(), now));
            } else if (arrival instanceof ScriptEnded e) {
                hand(workers.scriptEnded(e.reason(), now));
                hand(List.of(new PoolEvent.RunFinished(now, tasks.size(), succeeded, failed, 0, e.elapsedMs())));
                idle();
                return;
            }
            hand(workers.overdue(now));
            if (arrivals.isEmpty()) {
                idle();
            }
        }
    }

    private void idle() {
        try {
            listener.onIdle();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a listener of the Python run failed", e);
        }
    }

    private void hand(List<PoolEvent> events) {
        for (PoolEvent event : events) {
            if (event instanceof PoolEvent.TaskStarted started) {
                tasks.add(started.task());
            } else if (event instanceof PoolEvent.TaskSucceeded) {
                succeeded++;
            } else if (event instanceof PoolEvent.TaskFailed failure && !failure.willRetry()) {
                failed++;
            }
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a listener of the Python run failed on " + event, e);
            }
            if (event instanceof PoolEvent.TaskFailed failure && failure.cause() == FailureCause.WORKER_DIED) {
                lostTasks++;
                onLostTask.run();
            }
        }
    }
}
