package io.garrison.engine;

import io.garrison.task.TaskOptions;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A pool of real worker processes, shaped like Python's {@code multiprocessing.Pool} and going past it:
 * a worker that dies is noticed at once and replaced, its task retried or failed with the reason; tasks can
 * time out; the pool can be resized while it runs; nothing ever waits forever on a dead worker.
 *
 * <p>This class is the API; {@link PoolCore} holds the parts that do the work and the lock they share.
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

    private static final long TERMINATE_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(1500);
    private static final long EXIT_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(300);

    /** An anonymous class, not a lambda: this runs as the first pool's class loads, and a lambda costs a class spin. */
    private static final Runnable NOTHING_TO_CLOSE = new Runnable() {
        @Override
        public void run() {
            // an iterator has nothing to close
        }
    };

    private final PoolCore core;

    private ProcessPool(Builder builder) {
        this.core = new PoolCore(builder.settings(), builder.listeners, this);
        OpenPools.opened(this);
        core.startWatching();
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
        return collect(submitAll(core.functions().serialized(function), inputs, chunkSize, false));
    }

    /**
     * {@link #map(TaskFunction, Collection) map} in the background (Python's {@code map_async}): the result
     * holds the list once every task has its outcome, or the failure {@code map} would throw.
     */
    public <T, R> AsyncResult<List<R>> mapAsync(TaskFunction<T, R> function, Collection<? extends T> inputs) {
        return mapAsync(function, inputs, null, null);
    }

    /**
     * {@link #mapAsync(TaskFunction, Collection)} with callbacks, which run on the pool's event thread before
     * {@link AsyncResult#get()} returns or throws: the success one with the list, the error one with the failure.
     */
    public <T, R> AsyncResult<List<R>> mapAsync(TaskFunction<T, R> function, Collection<? extends T> inputs,
                                                Consumer<? super List<R>> onSuccess,
                                                Consumer<? super TaskFailedException> onError) {
        return mapAsync(function, inputs, ChunkSizes.pythonDefault(inputs.size(), size()), onSuccess, onError);
    }

    public <T, R> AsyncResult<List<R>> mapAsync(TaskFunction<T, R> function, Collection<? extends T> inputs,
                                                int chunkSize, Consumer<? super List<R>> onSuccess,
                                                Consumer<? super TaskFailedException> onError) {
        AsyncResult<List<R>> result = new AsyncResult<>();
        submitAll(core.functions().serialized(function), inputs, chunkSize, false)
                .settleWhenDone(result, onSuccess, onError, core.events());
        return result;
    }

    /** Runs a built-in task kind ({@code square}, {@code sleep}, ...) over inputs; results as text, in order. */
    public List<String> map(String kind, Collection<?> inputs) {
        return map(kind, TaskOptions.none(), inputs, ChunkSizes.pythonDefault(inputs.size(), size()));
    }

    public List<String> map(String kind, TaskOptions options, Collection<?> inputs, int chunkSize) {
        return collect(submitAll(core.functions().kind(kind, options), inputs, chunkSize, false));
    }

    /** Results in input order as they become available (Python's {@code imap}, chunk size 1 by default). */
    public <T, R> Iterator<R> imap(TaskFunction<T, R> function, Collection<? extends T> inputs) {
        return imap(function, inputs, 1);
    }

    public <T, R> Iterator<R> imap(TaskFunction<T, R> function, Collection<? extends T> inputs, int chunkSize) {
        return submitAll(core.functions().serialized(function), inputs, chunkSize, false).inOrder();
    }

    /**
     * {@link #imap(TaskFunction, Collection) imap} over inputs read as the workers need them, as Python's
     * {@code imap} reads a generator: the source is read on a thread of the pool's, a block at a time, at most a
     * couple of blocks ahead of the results taken, so a source of any length runs in the same parent memory
     * (once the pool is {@link #close closed}, ahead of the results finished instead, so that {@link #join} runs
     * it whole even when nobody takes them). What the source's iterator throws is thrown by the results in its
     * place, after the results of the inputs before it; a halt or {@link #terminate} ends the reading, and the
     * results then end with a {@link TaskFailedException} ({@link FailureCause#NOT_RUN}) where it stopped.
     */
    public <T, R> Iterator<R> imap(TaskFunction<T, R> function, Iterable<? extends T> inputs) {
        return imap(function, inputs.iterator(), 1);
    }

    /** {@link #imap(TaskFunction, Iterable)} with an explicit chunk size. */
    public <T, R> Iterator<R> imap(TaskFunction<T, R> function, Iterable<? extends T> inputs, int chunkSize) {
        return imap(function, inputs.iterator(), chunkSize);
    }

    /** {@link #imap(TaskFunction, Iterable)} over an iterator, which only the pool's thread reads from now on. */
    public <T, R> Iterator<R> imap(TaskFunction<T, R> function, Iterator<? extends T> inputs) {
        return imap(function, inputs, 1);
    }

    public <T, R> Iterator<R> imap(TaskFunction<T, R> function, Iterator<? extends T> inputs, int chunkSize) {
        return readLazily(function, inputs, NOTHING_TO_CLOSE, chunkSize, false);
    }

    /** {@link #imap(TaskFunction, Iterable)} over a stream, which is closed once it is read or the pool stops. */
    public <T, R> Iterator<R> imap(TaskFunction<T, R> function, Stream<? extends T> inputs) {
        return imap(function, inputs, 1);
    }

    public <T, R> Iterator<R> imap(TaskFunction<T, R> function, Stream<? extends T> inputs, int chunkSize) {
        return readLazily(function, inputs.iterator(), inputs::close, chunkSize, false);
    }

    /** Results in the order tasks finish (Python's {@code imap_unordered}). */
    public <T, R> Iterator<R> imapUnordered(TaskFunction<T, R> function, Collection<? extends T> inputs) {
        return imapUnordered(function, inputs, 1);
    }

    public <T, R> Iterator<R> imapUnordered(TaskFunction<T, R> function, Collection<? extends T> inputs, int chunkSize) {
        return submitAll(core.functions().serialized(function), inputs, chunkSize, true).inCompletionOrder();
    }

    /**
     * {@link #imapUnordered(TaskFunction, Collection) imapUnordered} over inputs read as the workers need them,
     * as {@link #imap(TaskFunction, Iterable)} reads them; what the source's iterator throws is thrown once the
     * results of every input before it have been taken.
     */
    public <T, R> Iterator<R> imapUnordered(TaskFunction<T, R> function, Iterable<? extends T> inputs) {
        return imapUnordered(function, inputs.iterator(), 1);
    }

    public <T, R> Iterator<R> imapUnordered(TaskFunction<T, R> function, Iterable<? extends T> inputs, int chunkSize) {
        return imapUnordered(function, inputs.iterator(), chunkSize);
    }

    public <T, R> Iterator<R> imapUnordered(TaskFunction<T, R> function, Iterator<? extends T> inputs) {
        return imapUnordered(function, inputs, 1);
    }

    public <T, R> Iterator<R> imapUnordered(TaskFunction<T, R> function, Iterator<? extends T> inputs, int chunkSize) {
        return readLazily(function, inputs, NOTHING_TO_CLOSE, chunkSize, true);
    }

    public <T, R> Iterator<R> imapUnordered(TaskFunction<T, R> function, Stream<? extends T> inputs) {
        return imapUnordered(function, inputs, 1);
    }

    public <T, R> Iterator<R> imapUnordered(TaskFunction<T, R> function, Stream<? extends T> inputs, int chunkSize) {
        return readLazily(function, inputs.iterator(), inputs::close, chunkSize, true);
    }

    /**
     * Runs one task and waits for its result (Python's {@code apply}).
     *
     * @throws TaskFailedException if the task failed; its cause is what the task threw
     */
    public <T, R> R apply(TaskFunction<T, R> function, T input) {
        try {
            return applyAsync(function, input).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the result", e);
        }
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
     * the result, the error one with the failure. As in Python, a callback has run by the time
     * {@link AsyncResult#get()} returns or throws; and as in Python, callbacks share one thread with every
     * other callback and event of the pool, so one that blocks holds up the others and their results.
     */
    public <T, R> AsyncResult<R> applyAsync(TaskFunction<T, R> function, T input,
                                            Consumer<? super R> onSuccess, Consumer<? super TaskFailedException> onError) {
        return applyAsync(core.functions().serialized(function), input, onSuccess, onError);
    }

    /** Runs one task of a built-in kind in the background. */
    public AsyncResult<String> applyAsync(String kind, Object input) {
        return applyAsync(core.functions().kind(kind, TaskOptions.none()), input, null, null);
    }

    private <R> AsyncResult<R> applyAsync(FunctionRef function, Object input,
                                          Consumer<? super R> onSuccess, Consumer<? super TaskFailedException> onError) {
        AsyncResult<R> result = new AsyncResult<>();
        core.submitOne(function, input, new AsyncResultSink<>(result, onSuccess, onError, core.events()));
        return result;
    }

    /** No more tasks will be accepted; queued ones still run, then the workers leave (Python's {@code close}). */
    public void close() {
        core.close();
    }

    /** Waits until a closed or terminated pool has no workers left (Python's {@code join}). */
    public void join() throws InterruptedException {
        core.join();
    }

    /**
     * Like {@link #join()}, but gives up after the timeout, the listeners' part included.
     * @return whether the pool ended, and its listeners heard it, in time
     */
    public boolean join(Duration timeout) throws InterruptedException {
        return core.join(timeout);
    }

    /** Kills every worker and what it started now; unfinished tasks fail with "pool terminated". */
    public void terminate() {
        core.terminate(TERMINATE_GRACE_NANOS);
    }

    /** {@link #terminate()} as the JVM exits: a shorter grace, as nothing the workers run can be waited for. */
    void terminateForExit() {
        core.terminate(EXIT_GRACE_NANOS);
    }

    /** Waits until every worker's exit has been handled and the listeners have heard it, or the deadline. */
    void awaitEndForExit(long deadline) {
        try {
            core.awaitEnd(deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Grows or shrinks the pool while it runs; leaving workers finish their current tasks first. */
    public void resize(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("a pool needs at least one worker");
        }
        core.resize(size);
    }

    /** Whether {@link #resize} may be called: a pool on this machine alone, not one given {@link Builder#hosts}. */
    public boolean isResizable() {
        return core.isResizable();
    }

    /**
     * Runs the pool on {@code hosts} from now on, as GNU parallel does when its login file changes: a host
     * named before keeps its workers (with its new count), a new host gets workers (a remote one once its
     * runtime is copied there), and the workers of a host left out leave once their tasks are done.
     *
     * @throws IllegalArgumentException if {@code hosts} is empty
     */
    public void changeHosts(List<WorkerHost> hosts) {
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("a pool needs at least one host");
        }
        core.changeHosts(List.copyOf(hosts));
    }

    /**
     * At most {@code tasks} downloads from one web host in workers' hands at once, from now on (0: no limit); see
     * {@link Builder#maxTasksPerHost}. Downloads already out stay out.
     */
    public void setMaxTasksPerHost(int tasks) {
        if (tasks < 0) {
            throw new IllegalArgumentException("a limit per host is 0 (none) or more: " + tasks);
        }
        core.setMaxTasksPerHost(tasks);
    }

    /** While paused, no new task is handed out; running ones finish. */
    public void setPaused(boolean pause) {
        core.setPaused(pause);
    }

    /** Slows dispatch for a class to follow: at most one chunk per {@code pace}; zero is full speed. */
    public void setPace(Duration pace) {
        core.setPace(pace);
    }

    /**
     * Hands out one more chunk of waiting tasks (one task at chunk size 1) despite {@link #setPaused pause} and
     * {@link #setPace pace}: to the next idle worker in turn, or to the first to become idle. Called while paused,
     * it lets a class follow the pool one chunk at a time. Does nothing when no task waits.
     */
    public void step() {
        core.step();
    }

    /**
     * Kills one worker of this machine with SIGKILL, as a demonstration of recovery.
     *
     * @return false if no such live worker
     */
    public boolean killWorker(long pid) {
        return killWorker(WorkerId.local(pid));
    }

    /**
     * Kills one worker with SIGKILL, on whichever host it runs: on another host {@code kill -9 PID} runs there
     * (and only if that cannot be sent is its connection cut). @return false if no such live worker on that host
     */
    public boolean killWorker(WorkerId id) {
        return core.killWorker(id);
    }

    /**
     * How one worker's process is doing, as the worker tells it, on whichever host it runs; the answer comes
     * even while the worker runs a task. The future fails with {@link java.util.NoSuchElementException} when no
     * such live worker is in the pool, and with {@link IllegalStateException} when it leaves before answering.
     */
    public CompletableFuture<WorkerStats> workerStats(WorkerId id) {
        return core.workerStats(id);
    }

    /**
     * Stops handing out tasks: queued ones fail with {@code reason} (never ran); with {@code now}, running ones
     * too. The reason is the words a never-run task fails with, {@code not run: ...} by convention.
     */
    public void halt(String reason, boolean now) {
        halt(HaltReason.ofNotRunReason(reason), now);
    }

    /**
     * Stops handing out tasks: queued ones fail as {@link FailureCause#NOT_RUN}; with {@code now}, running ones
     * are killed and fail as {@link FailureCause#HALTED_WHILE_RUNNING}.
     */
    public void halt(HaltReason reason, boolean now) {
        core.halt(Objects.requireNonNull(reason, "reason"), now);
    }

    public void addListener(PoolListener listener) {
        core.events().addListener(listener);
    }

    public void removeListener(PoolListener listener) {
        core.events().removeListener(listener);
    }

    /** Waits until every worker of the target size has answered. @return false on timeout */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        return core.awaitReady(timeout);
    }

    /** OS PIDs of the workers that are alive and ready, in start order (on several hosts, see {@link #workers}). */
    public List<Long> workerPids() {
        List<Long> pids = new ArrayList<>();
        for (WorkerId id : core.workerIds()) {
            pids.add(id.pid());
        }
        return pids;
    }

    /** The workers that are alive and ready, in start order. */
    public List<WorkerId> workers() {
        return core.workerIds();
    }

    /** The number of workers the pool aims to keep. */
    public int size() {
        return core.size();
    }

    public PoolState state() {
        return core.state();
    }

    /** Tasks waiting for a worker. */
    public int queuedTasks() {
        return core.queuedTasks();
    }

    /** The pool at this instant: its state, its queue and whether each worker is running a task. Any thread. */
    public PoolSnapshot snapshot() {
        return core.snapshot();
    }

    /** The last lines a worker wrote to stderr; empty for unknown PIDs. */
    public String workerStderr(long pid) {
        return core.workerStderr(pid);
    }

    /** The parts and the lock, for a task run in this package. */
    PoolCore core() {
        return core;
    }

    private <T> ResultCollector submitAll(FunctionRef function, Collection<? extends T> inputs, int chunkSize,
                                          boolean unordered) {
        Object[] snapshot = inputs.toArray();
        ResultCollector collector = new ResultCollector(snapshot.length, unordered);
        core.submit(new Submission(function, Submission.TaskSource.of(snapshot), collector, chunkSize));
        return collector;
    }

    private <T, R> Iterator<R> readLazily(TaskFunction<T, R> function, Iterator<? extends T> inputs, Runnable whenRead,
                                          int chunkSize, boolean unordered) {
        return InputFeeder.start(core, core.functions().serialized(function), inputs, whenRead, chunkSize, unordered);
    }

    private static <R> List<R> collect(ResultCollector collector) {
        try {
            return collector.all();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for results", e);
        }
    }

    /** Settings of a pool; {@link #build()} starts its workers. */
    public static final class Builder {
        private int size = Runtime.getRuntime().availableProcessors();
        private int retries;
        private Duration taskTimeout;
        private double taskTimeoutPercent;
        private int maxTasksPerWorker;
        private HaltPolicy haltPolicy = HaltPolicy.NEVER;
        private boolean losesTasksLikePython;
        private List<WorkerHost> hosts;
        private int maxTasksPerHost = PoolSettings.DEFAULT_MAX_TASKS_PER_HOST;
        private final List<InetSocketAddress> servicesForHosts = new ArrayList<>();
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

        /**
         * Where the workers run, as GNU parallel's {@code -S} names them: on this machine, on other hosts over
         * ssh, through a launcher. The pool's size is the sum of the hosts' workers, and replaces {@link #size}.
         * A host whose workers cannot start is left out and the pool goes on with the others; it halts only when
         * no host can start one. A pool on several hosts is not {@linkplain ProcessPool#resize resized}.
         */
        /**
         * Makes a service of this machine, such as a {@code Manager}, reachable from tasks on other hosts at
         * {@code 127.0.0.1} and the service's port there, through the pool's ssh connection to each host (a
         * reverse forward, encrypted by ssh), so a task connects the same way wherever it runs. The host's sshd
         * must allow TCP forwarding (its default), and the port must be free there.
         */
        public Builder serviceForHosts(InetSocketAddress service) {
            servicesForHosts.add(service);
            return this;
        }

        public Builder hosts(List<WorkerHost> workerHosts) {
            if (workerHosts.isEmpty()) {
                throw new IllegalArgumentException("a pool needs at least one host");
            }
            this.hosts = List.copyOf(workerHosts);
            return this;
        }

        /**
         * At most this many download tasks of one web host in the workers' hands at once (default 4; 0: no
         * limit); the others of that host wait in the queue while other hosts' tasks go ahead. A host that
         * answers 429, 502, 503 or 504 is paused for its Retry-After, or a back-off, before its next task.
         */
        public Builder maxTasksPerHost(int tasks) {
            if (tasks < 0) {
                throw new IllegalArgumentException("max tasks per host must not be negative");
            }
            this.maxTasksPerHost = tasks;
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
            if (taskTimeout != null) {
                this.taskTimeoutPercent = 0;
            }
            return this;
        }

        /**
         * A task running longer than {@code percent} % of the median run time of the tasks that succeeded so far
         * is killed with its worker, as GNU parallel's {@code --timeout 200%}; until one has succeeded, none is.
         * Replaces a {@link #taskTimeout}; 0 sets none (and leaves a {@link #taskTimeout} as it is).
         */
        public Builder taskTimeoutPercentOfMedian(double percent) {
            if (!(percent >= 0) || Double.isInfinite(percent)) {
                throw new IllegalArgumentException("the timeout's percentage must be a finite number, 0 or more");
            }
            this.taskTimeoutPercent = percent;
            if (percent > 0) {
                this.taskTimeout = null;
            }
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

        private PoolSettings settings() {
            List<WorkerHost> where = hosts != null ? hosts : List.of(WorkerHost.local(size));
            int workers = 0;
            for (WorkerHost host : where) {
                workers += host.workers();
            }
            return new PoolSettings(workers, retries, taskTimeout == null ? 0 : taskTimeout.toNanos(),
                    taskTimeoutPercent / 100, maxTasksPerWorker, haltPolicy, losesTasksLikePython,
                    new WorkerLauncher(jvmOptions, workerNiceness, backgroundWorkers), where, maxTasksPerHost,
                    List.copyOf(servicesForHosts));
        }
    }
}
