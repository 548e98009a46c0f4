package io.garrison.engine;

import io.garrison.protocol.LambdaReference;
import io.garrison.protocol.WireValues;
import io.garrison.task.SafeFileNames;
import io.garrison.task.TaskOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A pool of real worker processes, shaped like Python's {@code multiprocessing.Pool} and going past it:
 * a worker that dies is noticed at once and replaced, its task retried or failed with the reason; tasks can
 * time out; the pool can be resized while it runs; nothing ever waits forever on a dead worker.
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
    private static final long RETIRE_GRACE_NANOS = TimeUnit.SECONDS.toNanos(3);
    private static final long TERMINATE_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(1500);
    private static final long EXIT_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(300);
    private static final int STARTUP_FAILURES_TO_GIVE_UP = 3;
    /** The reason of a task still queued, or held by a worker but not started, when the pool was terminated. */
    private static final String TERMINATED_BEFORE_IT_RAN = PoolEvent.TaskFailed.NOT_RUN + "the pool was terminated";
    /** Whether a function class is a lambda without captured values (the same every time it is sent). */
    private static final ClassValue<Boolean> CAPTURES_NOTHING = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            if (!type.isSynthetic() || type.getDeclaredFields().length > 0) {
                return false;
            }
            try {
                java.lang.reflect.Method writeReplace = type.getDeclaredMethod("writeReplace");
                return writeReplace.getReturnType() == Object.class;
            } catch (NoSuchMethodException e) {
                return false;
            }
        }
    };

    private final Object lock = new Object();
    private final WorkerLauncher launcher;
    private final EventBus events = new EventBus("garrison-events");
    private final Watchdog watchdog;
    private final int retries;
    private final long taskTimeoutNanos;
    private final int maxTasksPerWorker;
    private final HaltPolicy haltPolicy;
    private final boolean losesTasksLikePython;
    private final WorkerProcess.MessageHandler handler = new Handler();

    // Guarded by lock.
    private final List<WorkerProcess> workers = new ArrayList<>();
    private final ArrayDeque<Slice> queue = new ArrayDeque<>();
    /** Tasks lost with their worker in the Python teaching mode (a slice of one each); terminate() fails them. */
    private final List<Slice> lostTasks = new ArrayList<>();
    private final Map<ByteBuffer, FunctionRef> functions = new HashMap<>();
    /** Lambdas already serialized, by identity (lambdas keep Object's equals); weak, so none is kept alive. */
    private final Map<TaskFunction<?, ?>, FunctionRef> lambdaFunctions =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());
    private PoolState state = PoolState.RUNNING;
    private int targetSize;
    private int nextTaskId;
    private int nextSubmissionIndex;
    private int finalFailures;
    private int startupFailuresInARow;
    private String haltedBecause;
    private boolean paused;
    private long paceNanos;
    private long lastPacedDispatch;
    private int roundRobin;
    private String lastSpawnFailure;
    /** Events of the result batch being handled, published together when it is done. */
    private List<Object> heldEvents;

    private ProcessPool(Builder builder) {
        this.launcher = new WorkerLauncher(builder.jvmOptions, builder.workerNiceness, builder.backgroundWorkers);
        this.retries = builder.retries;
        this.taskTimeoutNanos = builder.taskTimeout == null ? 0 : builder.taskTimeout.toNanos();
        this.maxTasksPerWorker = builder.maxTasksPerWorker;
        this.haltPolicy = builder.haltPolicy;
        this.losesTasksLikePython = builder.losesTasksLikePython;
        this.targetSize = builder.size;
        for (PoolListener listener : builder.listeners) {
            events.addListener(listener);
        }
        // An anonymous class, not a method reference: each new lambda shape costs a cold JVM a class spin.
        this.watchdog = new Watchdog("garrison-watchdog", WATCH_PERIOD_MS, new Runnable() {
            @Override
            public void run() {
                watch();
            }
        });
        synchronized (lock) {
            for (int i = 0; i < targetSize; i++) {
                if (!spawnWorker() && workers.isEmpty() && i == 0) {
                    watchdog.stopWatching();
                    throw new UncheckedIOException(new IOException(lastSpawnFailure));
                }
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

    // ---------------------------------------------------------------- Python's API

    /**
     * Applies {@code function} to every input and returns the results in input order (Python's {@code map}).
     * The list is fixed-size, like {@link java.util.Arrays#asList}: {@code set} works, {@code add} does not.
     */
    public <T, R> List<R> map(TaskFunction<T, R> function, Collection<? extends T> inputs) {
        return map(function, inputs, ChunkSizes.pythonDefault(inputs.size(), size()));
    }

    /** {@link #map} with an explicit chunk size. @throws TaskFailedException for the first failed task, by index */
    public <T, R> List<R> map(TaskFunction<T, R> function, Collection<? extends T> inputs, int chunkSize) {
        return collect(submitAll(serializedFunction(function), inputs, chunkSize, false));
    }

    /** Runs a built-in task kind ({@code square}, {@code sleep}, ...) over inputs; results as text, in order. */
    public List<String> map(String kind, Collection<?> inputs) {
        return map(kind, TaskOptions.none(), inputs, ChunkSizes.pythonDefault(inputs.size(), size()));
    }

    public List<String> map(String kind, TaskOptions options, Collection<?> inputs, int chunkSize) {
        return collect(submitAll(kindFunction(kind, options), inputs, chunkSize, false));
    }

    /** Results in input order as they become available (Python's {@code imap}, chunk size 1 by default). */
    public <T, R> Iterator<R> imap(TaskFunction<T, R> function, Collection<? extends T> inputs) {
        return imap(function, inputs, 1);
    }

    public <T, R> Iterator<R> imap(TaskFunction<T, R> function, Collection<? extends T> inputs, int chunkSize) {
        return submitAll(serializedFunction(function), inputs, chunkSize, false).inOrder();
    }

    /** Results in the order tasks finish (Python's {@code imap_unordered}). */
    public <T, R> Iterator<R> imapUnordered(TaskFunction<T, R> function, Collection<? extends T> inputs) {
        return imapUnordered(function, inputs, 1);
    }

    public <T, R> Iterator<R> imapUnordered(TaskFunction<T, R> function, Collection<? extends T> inputs, int chunkSize) {
        return submitAll(serializedFunction(function), inputs, chunkSize, true).inCompletionOrder();
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
        return applyAsync(serializedFunction(function), input, onSuccess, onError);
    }

    /** Runs one task of a built-in kind in the background. */
    public AsyncResult<String> applyAsync(String kind, Object input) {
        return applyAsync(kindFunction(kind, TaskOptions.none()), input, null, null);
    }

    private <R> AsyncResult<R> applyAsync(FunctionRef function, Object input,
                                          Consumer<? super R> onSuccess, Consumer<? super TaskFailedException> onError) {
        AsyncResult<R> result = new AsyncResult<>();
        Submission.ResultSink sink = new Submission.ResultSink() {
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
        };
        synchronized (lock) {
            int index = nextSubmissionIndex++;
            enqueue(new Submission(function, Submission.TaskSource.single(input, index), sink, 1));
        }
        return result;
    }

    /** No more tasks will be accepted; queued ones still run, then the workers leave (Python's {@code close}). */
    public void close() {
        synchronized (lock) {
            if (state != PoolState.RUNNING) {
                return;
            }
            state = PoolState.CLOSED;
            publishState();
            settle();
        }
    }

    /** Waits until a closed or terminated pool has no workers left (Python's {@code join}). */
    public void join() throws InterruptedException {
        synchronized (lock) {
            if (state == PoolState.RUNNING) {
                throw new IllegalStateException("join() needs close() or terminate() first, as in Python");
            }
            // Terminated is not enough: every worker's exit must have been handled, so every task has its outcome.
            while (state != PoolState.TERMINATED || !workers.isEmpty()) {
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
            if (state == PoolState.RUNNING) {
                throw new IllegalStateException("join() needs close() or terminate() first, as in Python");
            }
        }
        return awaitEnd(deadline);
    }

    /** Until no worker is left and the listeners heard everything, or the deadline ({@link System#nanoTime()}). */
    private boolean awaitEnd(long deadline) throws InterruptedException {
        synchronized (lock) {
            while (state != PoolState.TERMINATED || !workers.isEmpty()) {
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
        List<WorkerProcess> victims;
        synchronized (lock) {
            for (Slice lost : lostTasks) {
                finalFailure(lost.submission, lost.next, lost.submission.attemptsBefore(lost.next) + 1, 0,
                        "lost with its worker, then the pool was terminated", -1, 0, "");
            }
            lostTasks.clear();
            if (state == PoolState.TERMINATED && workers.isEmpty()) {
                return;
            }
            state = PoolState.TERMINATED;
            failQueued(TERMINATED_BEFORE_IT_RAN);
            victims = new ArrayList<>(workers);
            for (WorkerProcess worker : victims) {
                worker.killedBecause = "the pool was terminated while the task ran";
                worker.askTreeToStop();
            }
            publishState();
        }
        // Destroy, a grace period, destroy forcibly, then reap: programs a task started (a curl, a shell) get
        // the chance to clean up after themselves; nothing gets to stay.
        long graceEnds = System.nanoTime() + graceNanos;
        for (WorkerProcess worker : victims) {
            try {
                long left = graceEnds - System.nanoTime();
                if (left > 0) {
                    worker.process.waitFor(left, TimeUnit.NANOSECONDS);
                }
                // Even a worker that left in time may leave a program behind that ignores SIGTERM.
                worker.killTree();
                worker.process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                victims.forEach(WorkerProcess::killTree);
                break;
            }
        }
        watchdog.stopWatching();
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    // ---------------------------------------------------------------- beyond Python

    /** Grows or shrinks the pool while it runs; leaving workers finish their current tasks first. */
    public void resize(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("a pool needs at least one worker");
        }
        synchronized (lock) {
            if (state == PoolState.TERMINATED) {
                return;
            }
            targetSize = size;
            List<WorkerProcess> staying = activeWorkers();
            for (int i = staying.size(); i < size; i++) {
                spawnWorker();
            }
            if (staying.size() > size) {
                // Idle workers leave first, so no running task is disturbed.
                staying.sort((a, b) -> Integer.compare(a.inFlightCount, b.inFlightCount));
                for (WorkerProcess worker : staying.subList(0, staying.size() - size)) {
                    retire(worker);
                }
            }
            publishState();
            dispatch();
        }
    }

    /** While paused, no new task is handed out; running ones finish. */
    public void setPaused(boolean pause) {
        synchronized (lock) {
            paused = pause;
            if (!pause) {
                dispatch();
            } else {
                // A slow task sent ahead has not been handed out as far as the user is concerned.
                for (WorkerProcess worker : workers) {
                    recallWaitingTask(worker);
                }
            }
        }
    }

    /** Slows dispatch for a class to follow: at most one chunk per {@code pace}; zero is full speed. */
    public void setPace(Duration pace) {
        synchronized (lock) {
            paceNanos = pace.toNanos();
            dispatch();
        }
    }

    /** Kills one worker with SIGKILL, as a demonstration of recovery. @return false if no such live worker */
    public boolean killWorker(long pid) {
        synchronized (lock) {
            for (WorkerProcess worker : workers) {
                if (worker.pid == pid && !worker.exited) {
                    worker.killTree();
                    return true;
                }
            }
            return false;
        }
    }

    /** Stops handing out tasks: queued ones fail with {@code reason} (never ran); with {@code now}, running ones too. */
    public void halt(String reason, boolean now) {
        synchronized (lock) {
            haltNow(reason, now);
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
            while (readyCount() < Math.min(targetSize, activeWorkers().size()) || activeWorkers().size() < targetSize) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || state == PoolState.TERMINATED) {
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
            List<Long> pids = new ArrayList<>();
            for (WorkerProcess worker : workers) {
                if (worker.ready && !worker.exited) {
                    pids.add(worker.pid);
                }
            }
            return pids;
        }
    }

    /** The number of workers the pool aims to keep. */
    public int size() {
        synchronized (lock) {
            return targetSize;
        }
    }

    public PoolState state() {
        synchronized (lock) {
            return state;
        }
    }

    /** Tasks waiting for a worker. */
    public int queuedTasks() {
        synchronized (lock) {
            int total = 0;
            for (Slice slice : queue) {
                total += slice.remaining();
            }
            return total;
        }
    }

    /** The last lines a worker wrote to stderr; empty for unknown PIDs. */
    public String workerStderr(long pid) {
        synchronized (lock) {
            for (WorkerProcess worker : workers) {
                if (worker.pid == pid) {
                    return worker.stderrTail();
                }
            }
            return "";
        }
    }

    // ---------------------------------------------------------------- submission (package-private for TaskRun)

    FunctionRef kindFunction(String kind, TaskOptions options) {
        io.garrison.task.TaskKinds.require(kind);
        StringBuilder key = new StringBuilder("kind:").append(kind);
        new java.util.TreeMap<>(options.asMap()).forEach((k, v) -> key.append('\0').append(k).append('=').append(v));
        ByteBuffer identity = ByteBuffer.wrap(key.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        synchronized (lock) {
            return functions.computeIfAbsent(identity, k -> FunctionRef.ofKind(functions.size() + 1, kind, options));
        }
    }

    /**
     * A lambda that captures nothing is described once per pool, by the names that rebuild it
     * ({@link LambdaReference}): serializing it again for each of 20,000 {@code applyAsync} calls cost more than
     * running the tasks, and a fresh worker reads names faster than a serialization stream. Any other function
     * (one with fields, or a lambda whose captured objects may have changed) is serialized at every call, so what
     * reaches the workers is what the function is now.
     */
    FunctionRef serializedFunction(TaskFunction<?, ?> function) {
        Objects.requireNonNull(function, "function");
        if (!CAPTURES_NOTHING.get(function.getClass())) {
            return functionOfBytes(function);
        }
        FunctionRef known = lambdaFunctions.get(function);
        if (known == null) {
            java.util.Optional<LambdaReference> lambda = LambdaReference.of(function);
            known = lambda.isPresent() ? functionOfLambda(lambda.get()) : functionOfBytes(function);
            lambdaFunctions.put(function, known);
        }
        return known;
    }

    private FunctionRef functionOfLambda(LambdaReference lambda) {
        synchronized (lock) {
            return functions.computeIfAbsent(ByteBuffer.wrap(lambda.key()), k -> FunctionRef.ofLambda(functions.size() + 1, lambda));
        }
    }

    private FunctionRef functionOfBytes(TaskFunction<?, ?> function) {
        byte[] bytes;
        try {
            bytes = WireValues.serialize(function);
        } catch (IOException e) {
            throw new IllegalArgumentException("the function cannot be sent to a worker (it must be Serializable, "
                    + "and so must everything it captures): " + e, e);
        }
        synchronized (lock) {
            return functions.computeIfAbsent(ByteBuffer.wrap(bytes), k -> FunctionRef.ofSerialized(functions.size() + 1, bytes));
        }
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
            emit(event);
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
        requireRunning();
        if (submission.tasks.size() > 0) {
            queue.add(new Slice(submission, 0, submission.tasks.size()));
            dispatch();
        }
    }

    private void requireRunning() {
        if (state != PoolState.RUNNING) {
            // Say why the pool stopped by itself (its workers could not start, say): a submit can come after.
            String why = haltedBecause == null ? "" : " (" + haltedBecause + ")";
            throw new IllegalStateException("the pool is " + state.name().toLowerCase() + why + ": it takes no new tasks");
        }
    }

    // ---------------------------------------------------------------- dispatch (all under lock)

    private void dispatch() {
        if (paused || state == PoolState.TERMINATED) {
            return;
        }
        if (queue.isEmpty()) {
            recallForIdleWorkers();
            return;
        }
        if (paceNanos > 0) {
            dispatchPaced();
            return;
        }
        List<WorkerProcess> candidates = activeWorkers();
        boolean sentAny = true;
        while (sentAny && !queue.isEmpty()) {
            sentAny = false;
            for (int n = 0; n < candidates.size() && !queue.isEmpty(); n++) {
                WorkerProcess worker = candidates.get((roundRobin + n) % candidates.size());
                int count = tasksFor(worker);
                if (count > 0) {
                    send(worker, count);
                    sentAny = true;
                }
            }
            roundRobin++;
        }
    }

    private void dispatchPaced() {
        long now = System.nanoTime();
        if (now - lastPacedDispatch < paceNanos) {
            return;
        }
        // Take turns, so that a class watching a paced run sees every soldier work, not the first idle one.
        List<WorkerProcess> candidates = activeWorkers();
        for (int n = 0; n < candidates.size(); n++) {
            WorkerProcess worker = candidates.get((roundRobin + n) % candidates.size());
            if (worker.ready && worker.inFlight.isEmpty() && quotaLeft(worker) > 0) {
                send(worker, queue.peekFirst().chunkFor(quotaLeft(worker)));
                lastPacedDispatch = now;
                roundRobin += n + 1;
                return;
            }
        }
    }

    /**
     * How many tasks to hand a worker now, 0 when it should wait. An idle worker gets a chunk. Tasks shorter
     * than the round trip through the parent are also sent ahead, so a worker never waits for its next one:
     * it holds about 10 ms of work (or two big chunks) and is refilled half of that at a time, in one message,
     * so that a thousand short commands cost a few hundred messages, not a thousand. Slow tasks are never
     * sent ahead: that would strand work on a busy worker while another one idles.
     */
    private int tasksFor(WorkerProcess worker) {
        Slice head = queue.peekFirst();
        int quota = quotaLeft(worker);
        if (head == null || !worker.ready || quota <= 0) {
            return 0;
        }
        int chunk = head.chunkFor(quota);
        int hold = head.submission.function.tasksToHold();
        if (hold <= 1) {
            if (worker.inFlight.isEmpty()) {
                return chunk;
            }
            // One slow task may wait in a busy worker, so that it starts the moment the one before ends instead
            // of a round trip through the pool later; should another worker idle first, it is recalled. Not
            // under a halt policy: a halt must find every task it stops still in the pool's hands.
            return chunk == 1 && worker.inFlightCount == 1 && worker.recallingTaskId < 0
                    && haltPolicy == HaltPolicy.NEVER && idleWorkers() == 0 ? 1 : 0;
        }
        int target = Math.max(hold, 2 * chunk);
        int batch = Math.max(chunk, target / 2);
        if (!worker.inFlight.isEmpty() && worker.inFlightCount + batch > target) {
            return 0;
        }
        return Math.min(batch, Math.min(head.remaining(), quota));
    }

    private int idleWorkers() {
        int idle = 0;
        for (WorkerProcess worker : workers) {
            if (isIdle(worker)) {
                idle++;
            }
        }
        return idle;
    }

    private boolean isIdle(WorkerProcess worker) {
        return worker.ready && worker.inFlight.isEmpty() && quotaLeft(worker) > 0
                && !worker.retiring && !worker.exited && !worker.stdinClosed && worker.killedBecause == null;
    }

    /**
     * With nothing left to hand out, idle workers take over the tasks still waiting behind another worker's
     * running one: each such worker is asked for its waiting task back (one at a time), and the task goes back
     * to the queue if it had not started.
     */
    private void recallForIdleWorkers() {
        int idle = idleWorkers();
        for (WorkerProcess worker : workers) {
            if (idle == 0) {
                return;
            }
            if (recallWaitingTask(worker)) {
                idle--;
            }
        }
    }

    /** Asks for the slow task waiting behind the worker's running one, if there is one; true if asked. */
    private boolean recallWaitingTask(WorkerProcess worker) {
        Slice waiting = worker.inFlight.peekLast();
        if (worker.inFlight.size() >= 2 && worker.recallingTaskId < 0 && waiting.remaining() == 1
                && waiting.submission.function.tasksToHold() <= 1 && !worker.exited && worker.killedBecause == null) {
            worker.recall(waiting.nextId);
            return true;
        }
        return false;
    }

    private int quotaLeft(WorkerProcess worker) {
        return maxTasksPerWorker > 0 ? maxTasksPerWorker - worker.tasksAssigned : Integer.MAX_VALUE;
    }

    private void send(WorkerProcess worker, int count) {
        Slice head = queue.peekFirst();
        Submission submission = head.submission;
        FunctionRef function = submission.function;
        int first = head.next;
        head.next += count;
        if (head.remaining() == 0) {
            queue.pollFirst();
        }
        boolean defines = worker.definedFunctions.add(function.id);
        boolean wasIdle = worker.inFlight.isEmpty();
        Slice sent = new Slice(submission, first, first + count);
        sent.nextId = nextTaskId;
        nextTaskId += count;
        worker.inFlight.add(sent);
        worker.inFlightCount += count;
        worker.tasksAssigned += count;
        sent.message = new RunMessage(submission, first, count, sent.nextId, defines);
        worker.send(sent.message);
        if (wasIdle) {
            startHead(worker, System.nanoTime());
        }
    }

    private void startHead(WorkerProcess worker, long now) {
        worker.currentStartNanos = now;
        markHeadStarted(worker);
    }

    /** The worker's oldest open task has begun: its event is only built when someone listens. */
    private void markHeadStarted(WorkerProcess worker) {
        Slice head = worker.inFlight.peekFirst();
        if (head == null || worker.headStarted) {
            return;
        }
        worker.headStarted = true;
        if (events.wantsTaskStarts()) {
            Submission submission = head.submission;
            int position = head.next;
            emit(new PoolEvent.TaskStarted(System.currentTimeMillis(), submission.index(position),
                    submission.line(position), submission.displayInput(position), worker.pid,
                    submission.attemptsBefore(position) + 1));
        }
    }

    // ---------------------------------------------------------------- outcomes (all under lock)

    /** The worker's oldest open task, which the answer must be about: workers answer in order. */
    private static Slice expectHead(WorkerProcess worker, int taskId) {
        Slice head = worker.inFlight.peekFirst();
        if (head == null || head.nextId != taskId) {
            // Left in flight: the worker is killed for this and its tasks are retried or failed, not lost.
            throw new IllegalStateException("worker " + worker.pid + " answered task " + taskId + " out of order");
        }
        return head;
    }

    /** The worker is done with the first {@code count} tasks of its oldest open slice. */
    private static void advance(WorkerProcess worker, Slice head, int count) {
        if (worker.recallingTaskId >= head.nextId && worker.recallingTaskId < head.nextId + count) {
            // It began before the recall reached the worker, which then ignores it.
            worker.recallingTaskId = -1;
        }
        head.next += count;
        head.nextId += count;
        if (head.remaining() == 0) {
            worker.inFlight.pollFirst();
        }
        worker.inFlightCount -= count;
        worker.tasksDone += count;
        worker.headStarted = false;
    }

    private void afterTask(WorkerProcess worker) {
        startHead(worker, System.nanoTime());
        if (maxTasksPerWorker > 0 && worker.tasksDone >= maxTasksPerWorker && !worker.retiring) {
            retire(worker);
            if (state != PoolState.TERMINATED && activeWorkers().size() < targetSize) {
                spawnWorker();
            }
        }
        if (worker.retiring && worker.inFlight.isEmpty()) {
            worker.closeStdin();
        }
        dispatch();
        settle();
    }

    /** An attempt that began failed: the task goes back to the queue while it has retries left. */
    private void failedAttempt(Submission submission, int position, long pid, String reason, int exitValue,
                               long elapsedMs, String output) {
        int attempts = submission.attemptsBefore(position) + 1;
        if (submission.isUnsendable(position)) {
            // Trying again would fail the same way, and a task that never reached a worker says nothing about
            // the tasks that did: no retry, and it does not count towards a halt.
            finalFailure(submission, position, attempts, pid, reason, exitValue, elapsedMs, output);
            return;
        }
        if (haltedBecause == null && state != PoolState.TERMINATED && attempts <= retries) {
            submission.recordAttempts(position, attempts);
            if (events.hasListeners()) {
                emit(new PoolEvent.TaskFailed(System.currentTimeMillis(), submission.index(position),
                        submission.line(position), submission.displayInput(position), pid, reason, exitValue,
                        elapsedMs, attempts, true, output));
            }
            // Back to the front of the queue, alone, so it goes to the next free worker.
            queue.addFirst(new Slice(submission, position, position + 1));
            return;
        }
        finalFailure(submission, position, attempts, pid, reason, exitValue, elapsedMs, output);
        finalFailures++;
        if (haltedBecause == null && haltPolicy.triggeredBy(finalFailures)) {
            haltNow(PoolEvent.TaskFailed.NOT_RUN + "halted after " + finalFailures
                    + (finalFailures == 1 ? " failed task" : " failed tasks"), haltPolicy.now());
        }
    }

    /** @param attempts how many times the task ran, this time included */
    private void finalFailure(Submission submission, int position, int attempts, long pid, String reason,
                              int exitValue, long elapsedMs, String output) {
        int index = submission.index(position);
        if (events.hasListeners()) {
            emit(new PoolEvent.TaskFailed(System.currentTimeMillis(), index, submission.line(position),
                    submission.displayInput(position), pid, reason, exitValue, elapsedMs, attempts, false, output));
        }
        submission.sink.failed(position, new Submission.FailedTask(index, pid, reason, output));
    }

    /** A worker that was killed mid-download or mid-command never got to remove its half-written files. */
    private void removeTemporaries(WorkerProcess worker) {
        for (FunctionRef function : functions.values()) {
            if (worker.definedFunctions.contains(function.id)) {
                function.outputDir().ifPresent(dir -> SafeFileNames.removeTemporaries(dir, worker.pid));
            }
        }
    }

    private void haltNow(String reason, boolean now) {
        haltedBecause = reason;
        if (state == PoolState.RUNNING) {
            state = PoolState.CLOSED;
            publishState();
        }
        failQueued(reason);
        if (now) {
            // A task killed mid-way did run: it is not reported as "not run", which is for tasks never started.
            String whileRunning = (reason.startsWith(PoolEvent.TaskFailed.NOT_RUN)
                    ? reason.substring(PoolEvent.TaskFailed.NOT_RUN.length()) : reason) + " while the task ran";
            for (WorkerProcess worker : workers) {
                if (!worker.inFlight.isEmpty()) {
                    worker.killedBecause = whileRunning;
                    worker.killTree();
                }
            }
        }
        settle();
    }

    private void failQueued(String reason) {
        while (!queue.isEmpty()) {
            failAll(queue.pollFirst(), reason);
        }
    }

    private void failAll(Slice slice, String reason) {
        for (int position = slice.next; position < slice.end; position++) {
            finalFailure(slice.submission, position, slice.submission.attemptsBefore(position), 0, reason, -1, 0, "");
        }
    }

    private void workerExited(WorkerProcess worker, int exitCode) {
        worker.exited = true;
        workers.remove(worker);
        boolean expected = worker.stdinClosed && worker.inFlight.isEmpty() && worker.killedBecause == null;
        String how = ExitDescriptions.describe(exitCode);
        String reason;
        if (expected) {
            reason = worker.retiring ? "left the pool" : "the pool closed";
        } else if (worker.killedBecause != null) {
            reason = worker.killedBecause;
        } else {
            reason = "died (" + how + ")";
        }
        if (!worker.ready && !expected && state != PoolState.TERMINATED) {
            startupFailuresInARow++;
            String tail = worker.stderrTail();
            reason = "could not start (" + how + ")" + (tail.isEmpty() ? "" : ": " + tail);
        }
        events.publish(new PoolEvent.WorkerExited(System.currentTimeMillis(), worker.pid, exitCode, expected, reason));
        if (!expected) {
            removeTemporaries(worker);
        }

        Slice running = null;
        if (worker.ready && !worker.inFlight.isEmpty()) {
            Slice head = worker.inFlight.peekFirst();
            running = new Slice(head.submission, head.next, head.next + 1);
            head.next++;
            if (head.remaining() == 0) {
                worker.inFlight.pollFirst();
            }
        }
        List<Slice> neverStarted = new ArrayList<>(worker.inFlight);
        worker.inFlight.clear();
        worker.inFlightCount = 0;
        worker.headStarted = false;
        if (state == PoolState.TERMINATED || haltedBecause != null) {
            String notRun = state == PoolState.TERMINATED ? TERMINATED_BEFORE_IT_RAN : haltedBecause;
            neverStarted.forEach(slice -> failAll(slice, notRun));
        } else {
            // Back to the front in their order, still in chunks, for the next free workers.
            for (int i = neverStarted.size() - 1; i >= 0; i--) {
                Slice slice = neverStarted.get(i);
                queue.addFirst(new Slice(slice.submission, slice.next, slice.end));
            }
        }
        if (running != null && losesTasksLikePython && worker.killedBecause == null) {
            // The teaching mode: the task vanishes with its worker and whoever waits for it waits on, until
            // terminate() releases it, the way out a Python user has too.
            lostTasks.add(running);
            running = null;
        }
        if (running != null) {
            long elapsedMs = (System.nanoTime() - worker.currentStartNanos) / 1_000_000L;
            String taskReason = worker.killedBecause != null
                    ? worker.killedBecause + " (worker PID " + worker.pid + ")"
                    : "worker PID " + worker.pid + " died (" + how + ")";
            failedAttempt(running.submission, running.next, worker.pid, taskReason, exitCode, elapsedMs, "");
        }
        if (state != PoolState.TERMINATED && activeWorkers().size() < targetSize && needsWorkers()) {
            if (startupFailuresInARow >= STARTUP_FAILURES_TO_GIVE_UP) {
                haltNow(PoolEvent.TaskFailed.NOT_RUN + "worker processes cannot start: " + reason, false);
            } else {
                spawnWorker();
            }
        }
        dispatch();
        settle();
        if (state == PoolState.TERMINATED && workers.isEmpty()) {
            events.retire();
            OpenPools.ended(this);
        }
        lock.notifyAll();
    }

    /** A closed pool with nothing left to do lets its workers go; with none left it is terminated. */
    private void settle() {
        if (state == PoolState.CLOSED && queue.isEmpty()) {
            for (WorkerProcess worker : workers) {
                if (worker.inFlight.isEmpty()) {
                    worker.closeStdin();
                }
            }
            if (workers.isEmpty()) {
                state = PoolState.TERMINATED;
                publishState();
                watchdog.stopWatching();
                lock.notifyAll();
            }
        }
    }

    private boolean needsWorkers() {
        return state == PoolState.RUNNING || !queue.isEmpty();
    }

    private void retire(WorkerProcess worker) {
        worker.retiring = true;
        if (worker.inFlight.isEmpty()) {
            worker.closeStdin();
        }
    }

    private List<WorkerProcess> activeWorkers() {
        List<WorkerProcess> active = new ArrayList<>(workers.size());
        for (WorkerProcess worker : workers) {
            if (!worker.retiring && !worker.exited && !worker.stdinClosed) {
                active.add(worker);
            }
        }
        return active;
    }

    private int readyCount() {
        int ready = 0;
        for (WorkerProcess worker : activeWorkers()) {
            if (worker.ready) {
                ready++;
            }
        }
        return ready;
    }

    /**
     * Starts a worker; a failure to start one (no processes left, no java) counts as a worker that could not
     * start, so the pool gives up after a few in a row instead of throwing from deep inside dispatch.
     */
    private boolean spawnWorker() {
        WorkerProcess worker;
        try {
            worker = new WorkerProcess(launcher.start());
        } catch (IOException | RuntimeException e) {
            startupFailuresInARow++;
            lastSpawnFailure = "cannot start " + launcher.command().get(0) + ": " + e.getMessage();
            if (startupFailuresInARow >= STARTUP_FAILURES_TO_GIVE_UP) {
                haltNow(PoolEvent.TaskFailed.NOT_RUN + "worker processes cannot start: " + lastSpawnFailure, false);
            }
            return false;
        }
        workers.add(worker);
        worker.startThreads(handler);
        return true;
    }

    /** Publishes now, or with the batch being handled, so a batch reaches listeners in one hand-over. */
    private void emit(PoolEvent event) {
        if (heldEvents != null) {
            heldEvents.add(event);
        } else {
            events.publish(event);
        }
    }

    private void publishState() {
        events.publish(new PoolEvent.PoolStateChanged(System.currentTimeMillis(), state, targetSize));
    }

    /**
     * Whether the worker's oldest open task has run past the timeout. Its clock starts no earlier than when its
     * message was written whole: a big input may take the writer a while to serialize, and that time is not
     * the task's.
     */
    private boolean pastTimeout(WorkerProcess worker, long now) {
        long written = worker.inFlight.peekFirst().message.writtenNanos();
        if (written == 0) {
            return false;
        }
        long since = written - worker.currentStartNanos > 0 ? written : worker.currentStartNanos;
        return now - since > taskTimeoutNanos;
    }

    /** Kills workers whose task ran past the timeout, reaps retired workers that linger, and paces dispatch. */
    private void watch() {
        synchronized (lock) {
            long now = System.nanoTime();
            for (WorkerProcess worker : workers) {
                if (worker.exited) {
                    continue;
                }
                if (taskTimeoutNanos > 0 && worker.ready && !worker.inFlight.isEmpty()
                        && worker.killedBecause == null && pastTimeout(worker, now)) {
                    worker.killedBecause = String.format(java.util.Locale.ROOT, "timed out after %.1f s",
                            taskTimeoutNanos / 1e9);
                    worker.killTree();
                } else if (worker.stdinClosed && now - worker.stdinClosedNanos > RETIRE_GRACE_NANOS) {
                    worker.killTree();
                }
            }
            if (paceNanos > 0) {
                dispatch();
            }
        }
    }

    /** Reader threads report here; each call takes the pool's lock briefly. */
    private final class Handler implements WorkerProcess.MessageHandler {

        @Override
        public void hello(WorkerProcess worker, long pid) {
            synchronized (lock) {
                worker.pid = pid;
                worker.ready = true;
                startupFailuresInARow = 0;
                long startupMs = (System.nanoTime() - worker.spawnNanos) / 1_000_000L;
                events.publish(new PoolEvent.WorkerStarted(System.currentTimeMillis(), pid, startupMs));
                if (worker.retiring || state == PoolState.TERMINATED) {
                    worker.closeStdin();
                }
                dispatch();
                lock.notifyAll();
            }
        }

        @Override
        public void recalled(WorkerProcess worker, int taskId) {
            synchronized (lock) {
                worker.recallingTaskId = -1;
                Slice given = null;
                for (Slice slice : worker.inFlight) {
                    if (slice.nextId == taskId && slice.remaining() == 1) {
                        given = slice;
                    }
                }
                if (given == null || worker.exited) {
                    return;
                }
                boolean wasHead = given == worker.inFlight.peekFirst();
                worker.inFlight.remove(given);
                worker.inFlightCount -= 1;
                worker.tasksAssigned -= 1;
                if (wasHead) {
                    // It had been counted as begun when the task before it ended; the next one (if any) is.
                    worker.headStarted = false;
                    startHead(worker, System.nanoTime());
                }
                queue.addFirst(new Slice(given.submission, given.next, given.end));
                dispatch();
            }
        }

        @Override
        public void progress(WorkerProcess worker, int taskId, long done, long total) {
            if (!events.hasListeners()) {
                return;
            }
            synchronized (lock) {
                Slice head = worker.inFlight.peekFirst();
                if (head != null && head.nextId == taskId) {
                    events.publish(new PoolEvent.TaskProgress(System.currentTimeMillis(),
                            head.submission.index(head.next), head.submission.line(head.next), worker.pid, done, total));
                }
            }
        }

        @Override
        public void succeeded(WorkerProcess worker, int taskId, long runNanos, Object value, String output) {
            synchronized (lock) {
                FunctionRef function = expectHead(worker, taskId).submission.function;
                succeededOne(worker, taskId, runNanos, value, output);
                function.recordRunTime(runNanos);
                afterTask(worker);
            }
        }

        @Override
        public boolean succeededBatch(WorkerProcess worker, int firstTaskId, long totalRunNanos, ResultColumn values,
                                      int valueCount) {
            synchronized (lock) {
                long perTask = totalRunNanos / valueCount;
                FunctionRef function = expectHead(worker, firstTaskId).submission.function;
                boolean listened = events.hasListeners();
                heldEvents = listened ? new ArrayList<>() : null;
                try {
                    int done = 0;
                    while (done < valueCount) {
                        // A batch may span the slices of several messages; ids run on across them.
                        Slice head = expectHead(worker, firstTaskId + done);
                        int count = Math.min(head.remaining(), valueCount - done);
                        if (listened && head.submission.hasEarlierAttempts()) {
                            // Retried tasks start at later attempts, which only this lock can tell.
                            for (int i = 0; i < count; i++) {
                                succeededOne(worker, firstTaskId + done + i, perTask, values.get(done + i), "");
                            }
                        } else {
                            if (listened) {
                                heldEvents.add(new SucceededRun(head.submission, head.next, values, done, count,
                                        worker.pid, perTask / 1_000_000L, System.currentTimeMillis(),
                                        worker.headStarted, events.wantsTaskStarts(), events.wantsSucceededInputs()));
                            }
                            head.submission.sink.succeeded(head.next, values, done, count);
                            advance(worker, head, count);
                        }
                        done += count;
                    }
                } finally {
                    if (heldEvents != null) {
                        events.publishAll(heldEvents);
                        heldEvents = null;
                    }
                }
                function.recordRunTime(perTask);
                afterTask(worker);
                // The sinks copy what they keep; only a listener's runs hold on to the column.
                return listened;
            }
        }

        private void succeededOne(WorkerProcess worker, int taskId, long runNanos, Object value, String output) {
            Slice head = expectHead(worker, taskId);
            markHeadStarted(worker);
            Submission submission = head.submission;
            int position = head.next;
            advance(worker, head, 1);
            if (events.hasListeners()) {
                emit(new PoolEvent.TaskSucceeded(System.currentTimeMillis(), submission.index(position),
                        submission.line(position), events.wantsSucceededInputs() ? submission.displayInput(position) : "",
                        worker.pid, Submission.describe(value), runNanos / 1_000_000L, output));
            }
            submission.sink.succeeded(position, value);
        }

        @Override
        public void failed(WorkerProcess worker, int taskId, long runNanos, int exitValue, String error, String output) {
            synchronized (lock) {
                Slice head = expectHead(worker, taskId);
                markHeadStarted(worker);
                Submission submission = head.submission;
                int position = head.next;
                advance(worker, head, 1);
                submission.function.recordRunTime(runNanos);
                failedAttempt(submission, position, worker.pid, error, exitValue, runNanos / 1_000_000L, output);
                afterTask(worker);
            }
        }

        @Override
        public void exited(WorkerProcess worker, int exitCode) {
            synchronized (lock) {
                workerExited(worker, exitCode);
            }
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
