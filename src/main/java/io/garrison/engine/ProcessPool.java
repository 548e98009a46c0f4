package io.garrison.engine;

import io.garrison.task.TaskOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A pool of real worker processes, shaped like Python's {@code multiprocessing.Pool} and going past it:
 * a worker that dies is noticed at once and replaced, its task retried or failed with the reason; tasks can
 * time out; the pool can be resized while it runs; nothing ever waits forever on a dead worker.
 *
 * <p>This class is the API; the work is done by parts that share one lock, {@code lock}: the
 * {@link PoolLifecycle} (states and transitions), the {@link Dispatcher} (queue, chunks, pacing, recall), the
 * {@link Supervisor} (spawn, retire, exits, timeouts, worker messages), the {@link AttemptLedger} (retries,
 * final failures, halts) and the {@link FunctionRegistry}.
 *
 * <p>Threading: every method may be called from any thread. Events and callbacks arrive on the pool's own
 * event thread ({@link #addListener}), never on the caller's or the dispatch path.
 *
 * <pre>{@code
 * try (ProcessPool pool = ProcessPool.builder().size(5).build()) {
 *     List<Integer> squares = pool.map(x -> x * x, List.of(1, 2, 3));
 * }
 * }</pre>
 */
public final class ProcessPool implements AutoCloseable {

    private static final long WATCH_PERIOD_MS = 20;
    private static final long TERMINATE_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(1500);
    private static final long EXIT_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(300);

    /** Guards every part's state; waited on for readiness and the end. */
    private final Object lock = new Object();
    private final EventBus events = new EventBus("garrison-events");
    private final FunctionRegistry functions = new FunctionRegistry();
    private final Watchdog watchdog;
    // Accessed only under lock, each through its own methods.
    private final PoolLifecycle lifecycle = new PoolLifecycle();
    private final WorkerRoster roster = new WorkerRoster();
    private final Dispatcher dispatcher;
    private final Supervisor supervisor;
    /** Accessed only under lock; counts the submissions of applyAsync, whose index is their order. */
    private int nextSubmissionIndex;

    private ProcessPool(Builder builder) {
        EventOutlet outlet = new EventOutlet(events);
        TaskStarts starts = new TaskStarts(outlet);
        this.dispatcher = new Dispatcher(roster, starts, System::nanoTime, builder.maxTasksPerWorker,
                builder.haltPolicy == HaltPolicy.NEVER);
        AttemptLedger ledger = new AttemptLedger(outlet, dispatcher, lifecycle, builder.retries, builder.haltPolicy,
                new AttemptLedger.Halter() {
                    @Override
                    public void halt(HaltReason reason, boolean now) {
                        supervisor.halt(reason, now);
                    }
                });
        Supervisor.PoolParts parts = new Supervisor.PoolParts(roster, lifecycle, dispatcher, ledger,
                new TaskOutcomes(outlet, starts, ledger), starts, outlet, functions);
        this.supervisor = new Supervisor(lock, new WorkerLauncher(builder.jvmOptions, builder.workerNiceness,
                builder.backgroundWorkers), parts, new Signals(), builder.size,
                builder.taskTimeout == null ? 0 : builder.taskTimeout.toNanos(), builder.maxTasksPerWorker,
                builder.losesTasksLikePython);
        for (PoolListener listener : builder.listeners) {
            events.addListener(listener);
        }
        // An anonymous class, not a method reference: each new lambda shape costs a cold JVM a class spin.
        this.watchdog = new Watchdog("garrison-watchdog", WATCH_PERIOD_MS, new Runnable() {
            @Override
            public void run() {
                synchronized (lock) {
                    supervisor.watch(System.nanoTime());
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
        OpenPools.opened(this);
        watchdog.start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A pool of {@code size} workers with default settings. */
    public static ProcessPool create(int size) {
        return builder().size(size).build();
    }

    /**
     * Applies {@code function} to every input and returns the results in input order (Python's {@code map}).
     * The list is fixed-size, like {@link java.util.Arrays#asList}: {@code set} works, {@code add} does not.
     */
    public <T, R> List<R> map(TaskFunction<T, R> function, Collection<? extends T> inputs) {
        return map(function, inputs, ChunkSizes.pythonDefault(inputs.size(), size()));
    }

    /** {@link #map} with an explicit chunk size. @throws TaskFailedException for the first failed task, by index */
    public <T, R> List<R> map(TaskFunction<T, R> function, Collection<? extends T> inputs, int chunkSize) {
        return collect(submitAll(functions.serialized(function), inputs, chunkSize, false));
    }

    /** Runs a built-in task kind ({@code square}, {@code sleep}, ...) over inputs; results as text, in order. */
    public List<String> map(String kind, Collection<?> inputs) {
        return map(kind, TaskOptions.none(), inputs, ChunkSizes.pythonDefault(inputs.size(), size()));
    }

    public List<String> map(String kind, TaskOptions options, Collection<?> inputs, int chunkSize) {
        return collect(submitAll(functions.kind(kind, options), inputs, chunkSize, false));
    }

    /** Results in input order as they become available (Python's {@code imap}, chunk size 1 by default). */
    public <T, R> Iterator<R> imap(TaskFunction<T, R> function, Collection<? extends T> inputs) {
        return imap(function, inputs, 1);
    }

    public <T, R> Iterator<R> imap(TaskFunction<T, R> function, Collection<? extends T> inputs, int chunkSize) {
        return submitAll(functions.serialized(function), inputs, chunkSize, false).inOrder();
    }

    /** Results in the order tasks finish (Python's {@code imap_unordered}). */
    public <T, R> Iterator<R> imapUnordered(TaskFunction<T, R> function, Collection<? extends T> inputs) {
        return imapUnordered(function, inputs, 1);
    }

    public <T, R> Iterator<R> imapUnordered(TaskFunction<T, R> function, Collection<? extends T> inputs, int chunkSize) {
        return submitAll(functions.serialized(function), inputs, chunkSize, true).inCompletionOrder();
    }

    /**
     * Runs one task in the background (Python's {@code apply_async}). As in Python, the input is serialized
     * when it is sent to a worker, which may be after this returns: do not change it afterwards.
     */
    public <T, R> AsyncResult<R> applyAsync(TaskFunction<T, R> function, T input) {
        return applyAsync(function, input, null, null);
    }

    /**
     * Runs one task in the background; the callbacks run on the pool's event thread, the success one with
     * the result, the error one with the failure.
     */
    public <T, R> AsyncResult<R> applyAsync(TaskFunction<T, R> function, T input,
                                            Consumer<? super R> onSuccess, Consumer<? super TaskFailedException> onError) {
        return applyAsync(functions.serialized(function), input, onSuccess, onError);
    }

    /** Runs one task of a built-in kind in the background. */
    public AsyncResult<String> applyAsync(String kind, Object input) {
        return applyAsync(functions.kind(kind, TaskOptions.none()), input, null, null);
    }

    private <R> AsyncResult<R> applyAsync(FunctionRef function, Object input,
                                          Consumer<? super R> onSuccess, Consumer<? super TaskFailedException> onError) {
        AsyncResult<R> result = new AsyncResult<>();
        Submission.ResultSink sink = new AsyncResultSink<>(result, onSuccess, onError, events);
        synchronized (lock) {
            int index = nextSubmissionIndex++;
            enqueue(new Submission(function, Submission.TaskSource.single(input, index), sink, 1));
        }
        return result;
    }

    /** No more tasks will be accepted; queued ones still run, then the workers leave (Python's {@code close}). */
    public void close() {
        synchronized (lock) {
            if (lifecycle.close()) {
                publishState();
                supervisor.settle();
            }
        }
    }

    /** Waits until a closed or terminated pool has no workers left (Python's {@code join}). */
    public void join() throws InterruptedException {
        synchronized (lock) {
            requireJoinable();
            // Terminated is not enough: every worker's exit must have been handled, so every task has its outcome.
            while (!hasEnded()) {
                lock.wait();
            }
        }
        events.awaitIdle();
    }

    /**
     * Like {@link #join()}, but gives up after the timeout, the listeners' part included.
     * @return whether the pool ended, and its listeners heard it, in time
     */
    public boolean join(Duration timeout) throws InterruptedException {
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
    private boolean awaitEnd(long deadline) throws InterruptedException {
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

    /** Kills every worker and what it started now; unfinished tasks fail with "pool terminated". */
    public void terminate() {
        terminate(TERMINATE_GRACE_NANOS);
    }

    /** {@link #terminate()} as the JVM exits: a shorter grace, as nothing the workers run can be waited for. */
    void terminateForExit() {
        terminate(EXIT_GRACE_NANOS);
    }

    /** Waits until every worker's exit has been handled and the listeners have heard it, or the deadline. */
    void awaitEndForExit(long deadline) {
        try {
            awaitEnd(deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void terminate(long graceNanos) {
        List<Worker> victims;
        synchronized (lock) {
            victims = supervisor.beginTerminate();
            if (victims == null) {
                return;
            }
        }
        WorkerProcessTree.stopAll(victims.stream().map(Worker::tree).toList(), graceNanos);
        watchdog.stopWatching();
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    /** Grows or shrinks the pool while it runs; leaving workers finish their current tasks first. */
    public void resize(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("a pool needs at least one worker");
        }
        synchronized (lock) {
            if (!lifecycle.isTerminated()) {
                supervisor.resize(size);
            }
        }
    }

    /** While paused, no new task is handed out; running ones finish. */
    public void setPaused(boolean pause) {
        synchronized (lock) {
            dispatcher.setPaused(pause);
        }
    }

    /** Slows dispatch for a class to follow: at most one chunk per {@code pace}; zero is full speed. */
    public void setPace(Duration pace) {
        synchronized (lock) {
            dispatcher.setPace(pace.toNanos());
        }
    }

    /** Kills one worker with SIGKILL, as a demonstration of recovery. @return false if no such live worker */
    public boolean killWorker(long pid) {
        synchronized (lock) {
            return supervisor.killWorker(pid);
        }
    }

    /**
     * Stops handing out tasks: queued ones fail with {@code reason} (never ran); with {@code now}, running ones
     * too. The reason is the words a never-run task fails with, {@code not run: ...} by convention.
     */
    public void halt(String reason, boolean now) {
        halt(HaltReason.ofNotRunReason(reason), now);
    }

    /**
     * Stops handing out tasks: queued ones fail as {@link FailureCause#NOT_RUN} with the reason's
     * {@link HaltReason#notRunReason() words}; with {@code now}, running ones are killed and fail as
     * {@link FailureCause#HALTED_WHILE_RUNNING}.
     */
    public void halt(HaltReason reason, boolean now) {
        Objects.requireNonNull(reason, "reason");
        synchronized (lock) {
            supervisor.halt(reason, now);
        }
    }

    public void addListener(PoolListener listener) {
        events.addListener(listener);
    }

    public void removeListener(PoolListener listener) {
        events.removeListener(listener);
    }

    /** Waits until every worker of the target size has answered. @return false on timeout */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
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

    /** OS PIDs of the workers that are alive and ready, in start order. */
    public List<Long> workerPids() {
        synchronized (lock) {
            return supervisor.readyPids();
        }
    }

    /** The workers that are alive and ready, in start order. */
    public List<WorkerId> workers() {
        List<WorkerId> ids = new ArrayList<>();
        for (long pid : workerPids()) {
            ids.add(WorkerId.local(pid));
        }
        return ids;
    }

    /** The number of workers the pool aims to keep. */
    public int size() {
        synchronized (lock) {
            return supervisor.targetSize();
        }
    }

    public PoolState state() {
        synchronized (lock) {
            return lifecycle.state();
        }
    }

    /** Tasks waiting for a worker. */
    public int queuedTasks() {
        synchronized (lock) {
            return dispatcher.queuedTasks();
        }
    }

    /** The last lines a worker wrote to stderr; empty for unknown PIDs. */
    public String workerStderr(long pid) {
        synchronized (lock) {
            return supervisor.stderrOf(pid);
        }
    }

    /** The functions this pool's workers run. */
    FunctionRegistry functions() {
        return functions;
    }

    /** A task kind's function, for a task run in this package. */
    FunctionRef kindFunction(String kind, TaskOptions options) {
        return functions.kind(kind, options);
    }

    private <T> ResultCollector submitAll(FunctionRef function, Collection<? extends T> inputs, int chunkSize,
                                          boolean unordered) {
        Object[] snapshot = inputs.toArray();
        ResultCollector collector = new ResultCollector(snapshot.length, unordered);
        submit(new Submission(function, Submission.TaskSource.of(snapshot), collector, chunkSize));
        return collector;
    }

    /** Queues the tasks of a submission (a map here, a task run in this package). */
    void submit(Submission submission) {
        synchronized (lock) {
            enqueue(submission);
        }
    }

    /** Publishes an event made outside the pool (a task run's own events) in order with the pool's. */
    void publish(PoolEvent event) {
        synchronized (lock) {
            events.publish(event);
        }
    }

    void awaitEventsDelivered() throws InterruptedException {
        // Events of a result batch are handed to the bus while the lock is held: once we hold it, they are queued.
        synchronized (lock) {
            lock.notifyAll();
        }
        events.awaitIdle();
    }

    private static <R> List<R> collect(ResultCollector collector) {
        try {
            return collector.all();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for results", e);
        }
    }

    private void enqueue(Submission submission) {
        lifecycle.requireRunning();
        dispatcher.enqueue(submission);
    }

    private void publishState() {
        events.publish(new PoolEvent.PoolStateChanged(System.currentTimeMillis(), lifecycle.state(),
                supervisor.targetSize()));
    }

    /** What the supervisor tells this pool; called under lock. */
    private final class Signals implements Supervisor.PoolSignals {
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
            OpenPools.ended(ProcessPool.this);
        }
    }

    /** Settings of a pool; {@link #build()} starts its workers. */
    public static final class Builder {
        private int size = Runtime.getRuntime().availableProcessors();
        private int retries;
        private Duration taskTimeout;
        private int maxTasksPerWorker;
        private HaltPolicy haltPolicy = HaltPolicy.NEVER;
        private boolean losesTasksLikePython;
        private final List<String> jvmOptions = new ArrayList<>();
        private int workerNiceness;
        private boolean backgroundWorkers;
        private final List<PoolListener> listeners = new ArrayList<>();

        private Builder() {
        }

        public Builder size(int workers) {
            if (workers < 1) {
                throw new IllegalArgumentException("a pool needs at least one worker");
            }
            this.size = workers;
            return this;
        }

        /** How many more times a failed task is tried (after a crash, a timeout or an error). Default 0. */
        public Builder retries(int times) {
            if (times < 0) {
                throw new IllegalArgumentException("retries must not be negative");
            }
            this.retries = times;
            return this;
        }

        /** A task running longer is killed with its worker (which is replaced). Null or zero: no limit. */
        public Builder taskTimeout(Duration timeout) {
            this.taskTimeout = timeout == null || timeout.isZero() ? null : timeout;
            return this;
        }

        /** A worker leaves after this many tasks and a fresh one takes its place; 0 means never. */
        public Builder maxTasksPerWorker(int tasks) {
            if (tasks < 0) {
                throw new IllegalArgumentException("max tasks per worker must not be negative");
            }
            this.maxTasksPerWorker = tasks;
            return this;
        }

        public Builder haltPolicy(HaltPolicy policy) {
            this.haltPolicy = Objects.requireNonNull(policy);
            return this;
        }

        /**
         * For teaching only: behave as Python's Pool does when a worker dies, losing the task it ran, so a
         * {@code map} waiting for it never returns on its own. Callers must bound their waits and terminate.
         */
        public Builder losesTasksLikePython(boolean lose) {
            this.losesTasksLikePython = lose;
            return this;
        }

        /**
         * Runs the workers at a lower CPU priority (Unix {@code nice}, 1 to 19; 0, the default, keeps the parent's),
         * so that a window on the same machine stays responsive while they keep every core busy. Ignored where
         * there is no {@code nice}.
         */
        public Builder workerNiceness(int niceness) {
            if (niceness < 0 || niceness > 19) {
                throw new IllegalArgumentException("niceness must be between 0 and 19");
            }
            this.workerNiceness = niceness;
            return this;
        }

        /**
         * Runs the workers as background work, for a window that must keep its frames while they keep every core
         * busy: on Linux under {@code SCHED_IDLE} ({@code chrt --idle 0}), where a worker weighs 3 against a normal
         * thread's 1024 (at nice 19, 15); where that is not available, at nice 19. When set, it replaces
         * {@link #workerNiceness}. Workers keep their PIDs, and the JVM is still what {@code ps} shows. The
         * priority is machine-wide: any busy program of normal priority slows the workers down, so wall-clock
         * limits (a task timeout, a download's) are best kept generous.
         */
        public Builder backgroundWorkers(boolean background) {
            this.backgroundWorkers = background;
            return this;
        }

        /** Extra options for the workers' JVM, e.g. {@code -Xmx256m}. */
        public Builder jvmOptions(List<String> options) {
            this.jvmOptions.addAll(options);
            return this;
        }

        /** A listener present from the very first event (worker starts included). */
        public Builder listener(PoolListener listener) {
            this.listeners.add(Objects.requireNonNull(listener));
            return this;
        }

        public ProcessPool build() {
            return new ProcessPool(this);
        }
    }
}
