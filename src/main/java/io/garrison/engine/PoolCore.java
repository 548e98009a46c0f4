package io.garrison.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * One pool's parts and the lock they share, and each step the API takes on them. The parts:
 * <ul>
 *   <li>{@link PoolLifecycle}: RUNNING → CLOSED → TERMINATED, and halted;</li>
 *   <li>{@link Dispatcher}: the queue, chunks, pacing, turns and recalls;</li>
 *   <li>{@link Supervisor}: spawn, retire, exits, start-up give-up, timeouts, the workers' messages;</li>
 *   <li>{@link AttemptLedger}: retries, final failures, halts; {@link TaskOutcomes}: what workers report;</li>
 *   <li>{@link WorkerRoster}: the workers, each a {@link Worker} of channel, slot and process tree;</li>
 *   <li>{@link FunctionRegistry}: the functions workers run, by id;</li>
 *   <li>{@link RemoteHeartbeat}: the pings that keep workers on other hosts from leaving.</li>
 * </ul>
 * Every part but the registry and the event bus is accessed only under {@code lock}; the lock is also what
 * {@link #join}, {@link #awaitReady} and {@link #awaitEnd} wait on, and every change they wait for notifies it.
 *
 * <p>Threading: any thread.
 */
final class PoolCore {

    private static final long WATCH_PERIOD_MS = 20;
    /** An anonymous class, not {@code System::nanoTime}: each new lambda shape costs a cold JVM a class spin. */
    private static final LongSupplier NANO_CLOCK = new LongSupplier() {
        @Override
        public long getAsLong() {
            return System.nanoTime();
        }
    };

    private final Object lock = new Object();
    private final EventBus events = new EventBus("garrison-events");
    /** Accessed only under lock: what the parts emit, in order, batches held together. */
    private final EventOutlet outlet = new EventOutlet(events);
    private final FunctionRegistry functions = new FunctionRegistry();
    private final Watchdog watchdog;
    private final RemoteHeartbeat heartbeat;
    private final PoolLifecycle lifecycle = new PoolLifecycle();
    private final WorkerRoster roster = new WorkerRoster();
    private final Dispatcher dispatcher;
    private final AttemptLedger ledger;
    private final Supervisor supervisor;
    /** Accessed only under lock; counts the submissions of applyAsync, whose index is their order. */
    private int nextSubmissionIndex;

    /** Wires the parts and starts the first workers. @throws UncheckedIOException if not one could start */
    PoolCore(PoolSettings settings, List<PoolListener> listeners, ProcessPool owner) {
        TaskStarts starts = new TaskStarts(outlet);
        this.dispatcher = new Dispatcher(roster, starts, NANO_CLOCK, settings.maxTasksPerWorker(),
                settings.haltPolicy() == HaltPolicy.NEVER, new HostGate(settings.maxTasksPerHost()));
        this.ledger = new AttemptLedger(outlet, dispatcher, lifecycle, settings.retries(),
                settings.haltPolicy(), new AttemptLedger.Halter() {
                    @Override
                    public void halt(HaltReason reason, boolean now) {
                        supervisor.halt(reason, now);
                    }
                });
        TaskTimeout timeout = TaskTimeout.of(settings);
        Supervisor.PoolParts parts = new Supervisor.PoolParts(roster, lifecycle, dispatcher, ledger,
                new TaskOutcomes(outlet, starts, ledger, timeout), starts, outlet, functions, timeout);
        this.supervisor = new Supervisor(lock, parts, new Signals(owner), settings);
        for (PoolListener listener : listeners) {
            events.addListener(listener);
        }
        this.heartbeat = new RemoteHeartbeat(roster, settings.launcher().remoteHeartbeatMillis(), System.nanoTime());
        // An anonymous class, not a method reference: each new lambda shape costs a cold JVM a class spin.
        this.watchdog = new Watchdog("garrison-watchdog", WATCH_PERIOD_MS, new Watchdog.Check() {
            @Override
            public boolean watch() {
                synchronized (lock) {
                    long now = System.nanoTime();
                    heartbeat.pingWhenDue(now);
                    return supervisor.watch(now);
                }
            }
        });
        synchronized (lock) {
            try {
                supervisor.startWorkers();
            } catch (IOException e) {
                watchdog.stopWatching();
                throw new UncheckedIOException(e);
            }
        }
    }

    void startWatching() {
        watchdog.start();
    }

    EventBus events() {
        return events;
    }

    FunctionRegistry functions() {
        return functions;
    }

    /** Queues a submission. @throws IllegalStateException unless the pool is running */
    void submit(Submission submission) {
        synchronized (lock) {
            lifecycle.requireRunning();
            dispatcher.enqueue(submission);
        }
        watchdog.wake();
    }

    /** Opens a feed, whose blocks are taken until its source ends. @throws IllegalStateException unless running */
    void openFeed(Dispatcher.Feed feed) {
        synchronized (lock) {
            lifecycle.requireRunning();
            dispatcher.openFeed(feed);
        }
    }

    /**
     * Queues a block an open feed read, even once the pool is closed, as Python's {@code imap} goes on after
     * {@code close()}. A block of a feed that was cut fails as never run, as the tasks queued at the cut did.
     *
     * @return whether the block was queued
     */
    boolean submitFed(Dispatcher.Feed feed, Submission block) {
        synchronized (lock) {
            if (!dispatcher.isOpen(feed)) {
                ledger.failUnstarted(new Slice(block, 0, block.tasks.size()), notRunReason());
                return false;
            }
            dispatcher.enqueue(block);
        }
        watchdog.wake();
        return true;
    }

    /** The feed's source has ended: a closed pool with nothing else to do lets its workers go. */
    void closeFeed(Dispatcher.Feed feed) {
        synchronized (lock) {
            dispatcher.closeFeed(feed);
            supervisor.settle();
        }
        watchdog.wake();
    }

    /** Why a task submitted now would not run: the halt's reason, or that the pool was terminated. */
    String notRunReason() {
        synchronized (lock) {
            HaltReason halt = lifecycle.haltReason();
            // A halted pool that has finished closing is TERMINATED too; the halt says why it stopped.
            return halt != null ? halt.notRunReason() : Supervisor.TERMINATED.notRunReason();
        }
    }

    /** Queues one {@code applyAsync} task, numbered in the order of such calls. */
    void submitOne(FunctionRef function, Object input, Submission.ResultSink sink) {
        synchronized (lock) {
            lifecycle.requireRunning();
            int index = nextSubmissionIndex++;
            dispatcher.enqueue(new Submission(function, Submission.TaskSource.single(input, index), sink, 1));
        }
        watchdog.wake();
    }

    /**
     * Publishes an event made outside the pool (a task run's own events) in order with the pool's: a run's end,
     * told from inside a result batch, follows that batch's successes.
     */
    void publish(PoolEvent event) {
        synchronized (lock) {
            outlet.emit(event);
        }
    }

    void awaitEventsDelivered() throws InterruptedException {
        // Events of a result batch are handed to the bus while the lock is held: once we hold it, they are queued.
        synchronized (lock) {
            lock.notifyAll();
        }
        events.awaitIdle();
    }

    void close() {
        synchronized (lock) {
            if (lifecycle.close()) {
                publishState();
                supervisor.settle();
            }
        }
        watchdog.wake();
    }

    void join() throws InterruptedException {
        synchronized (lock) {
            requireJoinable();
            // Terminated is not enough: every worker's exit must have been handled, so every task has its outcome.
            while (!hasEnded()) {
                lock.wait();
            }
        }
        events.awaitIdle();
    }

    boolean join(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            requireJoinable();
        }
        return awaitEnd(deadline);
    }

    private void requireJoinable() {
        if (lifecycle.isRunning()) {
            throw new IllegalStateException("join() needs close() or terminate() first, as in Python");
        }
    }

    private boolean hasEnded() {
        return lifecycle.isTerminated() && roster.isEmpty();
    }

    /** Until no worker is left and the listeners heard everything, or the deadline ({@link System#nanoTime()}). */
    boolean awaitEnd(long deadline) throws InterruptedException {
        synchronized (lock) {
            while (!hasEnded()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
        }
        return events.awaitIdle(deadline);
    }

    /** Fails what is unfinished, asks every worker to stop, and kills what is left after {@code graceNanos}. */
    void terminate(long graceNanos) {
        List<Worker> victims;
        synchronized (lock) {
            victims = supervisor.beginTerminate();
            if (victims == null) {
                return;
            }
        }
        List<WorkerProcessTree> trees = new ArrayList<>(victims.size());
        for (Worker victim : victims) {
            trees.add(victim.tree());
        }
        WorkerProcessTree.stopAll(trees, graceNanos);
        watchdog.stopWatching();
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    boolean isResizable() {
        synchronized (lock) {
            return supervisor.isResizable();
        }
    }

    void resize(int size) {
        synchronized (lock) {
            if (!lifecycle.isTerminated()) {
                supervisor.resize(size);
            }
        }
        watchdog.wake();
    }

    void setMaxTasksPerHost(int tasks) {
        synchronized (lock) {
            dispatcher.setMaxTasksPerHost(tasks);
            dispatcher.dispatch();
        }
    }

    void changeHosts(List<WorkerHost> next) {
        synchronized (lock) {
            if (!lifecycle.isTerminated()) {
                supervisor.changeHosts(next);
            }
        }
        watchdog.wake();
    }

    void setPaused(boolean pause) {
        synchronized (lock) {
            dispatcher.setPaused(pause);
        }
        watchdog.wake();
    }

    void setPace(Duration pace) {
        synchronized (lock) {
            dispatcher.setPace(pace.toNanos());
        }
        watchdog.wake();
    }

    void step() {
        synchronized (lock) {
            dispatcher.step();
        }
        watchdog.wake();
    }

    boolean killWorker(WorkerId id) {
        synchronized (lock) {
            return supervisor.killWorker(id);
        }
    }

    CompletableFuture<WorkerStats> workerStats(WorkerId id) {
        synchronized (lock) {
            return supervisor.workerStats(id);
        }
    }

    void halt(HaltReason reason, boolean now) {
        synchronized (lock) {
            supervisor.halt(reason, now);
        }
        watchdog.wake();
    }

    boolean awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (!supervisor.allReady()) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || lifecycle.isTerminated()) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            return true;
        }
    }

    List<WorkerId> workerIds() {
        synchronized (lock) {
            return supervisor.readyIds();
        }
    }

    int size() {
        synchronized (lock) {
            return supervisor.targetSize();
        }
    }

    PoolState state() {
        synchronized (lock) {
            return lifecycle.state();
        }
    }

    /** Whether a submission now would be queued: the pool is running, neither closed nor halted. */
    boolean takesTasks() {
        synchronized (lock) {
            return lifecycle.isRunning();
        }
    }

    int queuedTasks() {
        synchronized (lock) {
            return dispatcher.queuedTasks();
        }
    }

    PoolSnapshot snapshot() {
        synchronized (lock) {
            return new PoolSnapshot(System.currentTimeMillis(), lifecycle.state(), dispatcher.queuedTasks(),
                    supervisor.workerSnapshots());
        }
    }

    String workerStderr(long pid) {
        synchronized (lock) {
            return supervisor.stderrOf(pid);
        }
    }

    private void publishState() {
        if (!lifecycle.isRunning()) {
            dispatcher.poolClosed();
        }
        events.publish(new PoolEvent.PoolStateChanged(System.currentTimeMillis(), lifecycle.state(),
                supervisor.targetSize(), lifecycle.terminateCalled()));
    }

    /** What the supervisor tells the pool; called under lock. */
    private final class Signals implements Supervisor.PoolSignals {

        private final ProcessPool owner;

        Signals(ProcessPool owner) {
            this.owner = owner;
        }

        @Override
        public void stateChanged() {
            publishState();
        }

        @Override
        public void settled() {
            watchdog.stopWatching();
        }

        @Override
        public void ended() {
            events.retire();
            OpenPools.ended(owner);
        }
    }
}
