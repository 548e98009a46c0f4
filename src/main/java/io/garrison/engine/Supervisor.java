package io.garrison.engine;

import io.garrison.protocol.WireException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the pool's workers: starts them (and gives up when they cannot start), retires them after their task
 * quota or a shrink, handles their exits (a dead worker's running task is retried or failed, the tasks it held
 * unstarted go back to the queue, a replacement starts), kills those whose task runs past its timeout, and
 * hears each worker's messages.
 *
 * <p>Threading: every field is accessed only under the pool's lock ({@code lock}), and every method but the
 * channels' callbacks is called holding it; the callbacks take it.
 */
final class Supervisor {
    private static final long RETIRE_GRACE_NANOS = TimeUnit.SECONDS.toNanos(3);
    /** The reason of a task still queued, or held by a worker but not started, when the pool was terminated. */
    static final HaltReason TERMINATED = new HaltReason("the pool was terminated");
    private static final Worker.Kill KILLED_BY_TERMINATE =
            new Worker.Kill(FailureCause.HALTED_WHILE_RUNNING, "the pool was terminated while the task ran");

    /** What the supervisor tells the pool about its life. */
    interface PoolSignals {
        /** The pool's state or target size changed. */
        void stateChanged();

        /** A closed pool ran its course and is terminated: nothing is left to watch. */
        void settled();

        /** The pool is terminated and its last worker's exit has been handled. */
        void ended();
    }

    private final Object lock;
    private final WorkerLauncher launcher;
    private final WorkerRoster roster;
    private final PoolLifecycle lifecycle;
    private final Dispatcher dispatcher;
    private final AttemptLedger ledger;
    private final TaskOutcomes outcomes;
    private final TaskStarts starts;
    private final EventOutlet events;
    private final FunctionRegistry functions;
    private final PoolSignals signals;
    private final TaskTimeout timeout;
    private final int maxTasksPerWorker;
    private final boolean losesTasksLikePython;

    private int targetSize;
    private final WorkerHosts hosts;
    /** Tasks lost with their worker in the Python teaching mode (a slice of one each); terminate() fails them. */
    private final List<Slice> lostTasks = new ArrayList<>();

    Supervisor(Object lock, PoolParts parts, PoolSignals signals, PoolSettings settings) {
        this.lock = lock;
        this.launcher = settings.launcher();
        this.roster = parts.roster();
        this.lifecycle = parts.lifecycle();
        this.dispatcher = parts.dispatcher();
        this.ledger = parts.ledger();
        this.outcomes = parts.outcomes();
        this.starts = parts.starts();
        this.events = parts.events();
        this.functions = parts.functions();
        this.signals = signals;
        this.hosts = new WorkerHosts(settings.hosts(), settings.servicesForHosts());
        this.targetSize = hosts.totalWorkers();
        this.timeout = parts.timeout();
        this.maxTasksPerWorker = settings.maxTasksPerWorker();
        this.losesTasksLikePython = settings.losesTasksLikePython();
    }

    /** The parts the supervisor works with, all guarded by the same lock. */
    record PoolParts(WorkerRoster roster, PoolLifecycle lifecycle, Dispatcher dispatcher, AttemptLedger ledger,
                     TaskOutcomes outcomes, TaskStarts starts, EventOutlet events, FunctionRegistry functions,
                     TaskTimeout timeout) {
    }

    int targetSize() {
        return targetSize;
    }

    /** Starts the first workers. @throws IOException if not even the first one could be started */
    void startWorkers() throws IOException {
        hosts.prepare(WorkerClassPath.forThisProcess());
        for (int i = 0; i < targetSize; i++) {
            if (!spawn() && roster.isEmpty() && i == 0 && hosts.allDown()) {
                hosts.releaseConnections();
                throw new IOException(hosts.lastFailure());
            }
        }
    }

    /** Whether {@link #resize} may be called: only a pool on this machine alone changes its size. */
    boolean isResizable() {
        return hosts.isLocalOnly();
    }

    /**
     * Grows or shrinks the pool; idle workers leave first, so no running task is disturbed, and the workers that
     * stay keep their slot numbers within the new size.
     */
    void resize(int size) {
        hosts.resizeLocal(size);
        targetSize = size;
        List<Worker> staying = roster.active();
        for (int i = staying.size(); i < size; i++) {
            spawn();
        }
        if (staying.size() > size) {
            staying.sort((a, b) -> Integer.compare(a.slot().taskCount(), b.slot().taskCount()));
            for (Worker worker : staying.subList(0, staying.size() - size)) {
                worker.retire();
            }
            SlotNumbers.renumber(roster, size);
        }
        signals.stateChanged();
        dispatcher.dispatch();
    }

    /**
     * Runs the pool on {@code next} from now on (see {@link WorkerHosts#replace}): workers beyond their host's new
     * count, and those of hosts left out, leave once their tasks are done, the least busy first; new hosts get
     * their workers.
     */
    void changeHosts(List<WorkerHost> next) {
        hosts.replace(next, System.nanoTime());
        targetSize = hosts.totalWorkers();
        Map<WorkerHost, List<Worker>> byHost = new IdentityHashMap<>();
        for (Worker worker : roster.active()) {
            byHost.computeIfAbsent(worker.host(), h -> new ArrayList<>()).add(worker);
        }
        byHost.forEach((host, workers) -> {
            int extra = workers.size() - hosts.quotaOf(host);
            if (extra > 0) {
                workers.sort((a, b) -> Integer.compare(a.slot().taskCount(), b.slot().taskCount()));
                workers.subList(0, extra).forEach(Worker::retire);
            }
        });
        SlotNumbers.renumber(roster, targetSize);
        while (roster.activeCount() < targetSize && needsWorkers() && spawn()) {
            // spawns until every host that is up has its workers
        }
        signals.stateChanged();
        dispatcher.dispatch();
    }

    /** Stops handing out tasks: queued ones fail as not run; with {@code now}, running ones are killed too. */
    void halt(HaltReason reason, boolean now) {
        if (lifecycle.halt(reason)) {
            signals.stateChanged();
        }
        failQueued(reason.notRunReason());
        if (now) {
            // A task killed mid-way did run: it is not reported as "not run", which is for tasks never started.
            Worker.Kill kill = new Worker.Kill(FailureCause.HALTED_WHILE_RUNNING, reason.whileRunningReason());
            for (Worker worker : roster.all()) {
                if (!worker.slot().isEmpty()) {
                    worker.kill(kill);
                }
            }
        }
        settle();
    }

    /**
     * The part of terminate() done under the lock: unfinished tasks fail, every worker is asked to stop.
     *
     * @return the workers to wait for and kill, outside the lock; null if the pool had already ended
     */
    List<Worker> beginTerminate() {
        for (Slice lost : lostTasks) {
            ledger.finalFailure(lost.submission, lost.next, lost.submission.attemptsBefore(lost.next) + 1,
                    WorkerId.local(0), "lost with its worker, then the pool was terminated", FailureCause.WORKER_DIED, -1, 0, "");
        }
        lostTasks.clear();
        if (lifecycle.isTerminated() && roster.isEmpty()) {
            return null;
        }
        lifecycle.terminate();
        dispatcher.stop();
        failQueued(TERMINATED.notRunReason());
        List<Worker> victims = new ArrayList<>(roster.all());
        for (Worker worker : victims) {
            worker.askToStop(KILLED_BY_TERMINATE);
        }
        hosts.releaseConnections();
        signals.stateChanged();
        return victims;
    }

    /** A closed pool with nothing left to do lets its workers go; with none left it is terminated. */
    void settle() {
        if (!lifecycle.isClosed() || !dispatcher.isOutOfTasks()) {
            return;
        }
        for (Worker worker : roster.all()) {
            if (worker.slot().isEmpty()) {
                worker.closeStdin();
            }
        }
        if (roster.isEmpty()) {
            // The table's CLOSED -> TERMINATED: close() has run its course.
            hosts.releaseConnections();
            lifecycle.finishClosing();
            dispatcher.stop();
            signals.stateChanged();
            signals.settled();
            lock.notifyAll();
        }
    }

    /** Kills tasks past their timeout and workers past their leaving, paces the queue. @return whether anything is left to watch */
    boolean watch(long now) {
        boolean watching = dispatcher.queuedTasks() > 0;
        long timeoutNanos = timeout.nanos();
        for (Worker worker : roster.all()) {
            if (worker.hasExited()) {
                continue;
            }
            WorkerSlot slot = worker.slot();
            watching |= !slot.isEmpty() || !slot.isReady() || worker.isStdinClosed() || worker.killedBecause() != null;
            if (timeoutNanos > 0 && slot.isReady() && !slot.isEmpty() && worker.killedBecause() == null
                    && pastTimeout(slot, now, timeoutNanos)) {
                worker.kill(new Worker.Kill(FailureCause.TIMED_OUT, timeout.isShareOfMedian()
                        ? String.format(Locale.ROOT, "timed out after %.3f s (a share of the median run time)",
                                timeoutNanos / 1e9)
                        : String.format(Locale.ROOT, "timed out after %.1f s", timeoutNanos / 1e9)));
            } else if (worker.isStdinClosed() && now - worker.stdinClosedNanos() > RETIRE_GRACE_NANOS) {
                worker.tree().kill();
            }
        }
        dispatcher.tick();
        return tryHostsAgain(now) | watching;
    }

    /**
     * Gives a host that is down another try once its wait is over, while the pool still wants workers; a
     * remote host that never got the worker's runtime gets it copied first, on a thread of its own, as a copy
     * takes seconds. @return whether some host is down and waits for another try
     */
    private boolean tryHostsAgain(long now) {
        if (lifecycle.isTerminated() || lifecycle.isHalted() || !needsWorkers() || roster.activeCount() >= targetSize) {
            return false;
        }
        WorkerHost host = hosts.dueForAnotherTry(now);
        if (host != null && hosts.awaitsCopy(host)) {
            String classPath = WorkerClassPath.forThisProcess();
            Thread copy = new Thread("garrison-host-copy") {
                @Override
                public void run() {
                    SshMaster master = hosts.connect(host);
                    RemoteInstall runtime = null;
                    String failure = null;
                    try {
                        runtime = WorkerHosts.copyRuntime(host, classPath);
                    } catch (IOException | RuntimeException e) {
                        failure = e.getMessage();
                    }
                    synchronized (lock) {
                        if (lifecycle.isTerminated() && master != null) {
                            // The pool let its connections go while this one was being made.
                            master.close();
                            master = null;
                        }
                        hosts.copied(host, runtime, master, failure, System.nanoTime());
                        if (runtime != null && !lifecycle.isTerminated() && needsWorkers()) {
                            spawn();
                        }
                    }
                }
            };
            copy.setDaemon(true);
            copy.start();
        } else if (host != null) {
            spawn();
        }
        return hosts.hasHostsToTryAgain();
    }

    /**
     * Whether the worker's oldest open task has run past the timeout. Its clock starts no earlier than when its
     * message was written whole: a big input may take the writer a while to serialize, and that time is not
     * the task's.
     */
    private boolean pastTimeout(WorkerSlot slot, long now, long timeoutNanos) {
        long written = slot.head().message.writtenNanos();
        if (written == 0) {
            return false;
        }
        long since = written - slot.headStartNanos() > 0 ? written : slot.headStartNanos();
        return now - since > timeoutNanos;
    }

    /** Kills one worker with SIGKILL, as a demonstration of recovery. @return false if no such live worker */
    boolean killWorker(WorkerId id) {
        for (Worker worker : roster.all()) {
            // A PID names a process only on its host: the same number on another host is another worker.
            if (worker.id().equals(id) && !worker.hasExited()) {
                // Before its hello a worker's PID is its local ssh's: that one is killed here, never sent there.
                if (worker.host().remote() && worker.isReady()) {
                    RemoteKill.of(worker);
                } else {
                    worker.tree().kill();
                }
                return true;
            }
        }
        return false;
    }

    /** Asks a live, ready worker how its process is doing; a failed future when there is no such worker. */
    CompletableFuture<WorkerStats> workerStats(WorkerId id) {
        for (Worker worker : roster.all()) {
            if (worker.id().equals(id) && worker.isReady() && !worker.hasExited()) {
                return worker.channel().askStats(id);
            }
        }
        return CompletableFuture.failedFuture(new NoSuchElementException("no live worker " + id));
    }

    /** Whether every worker of the target size has answered. */
    boolean allReady() {
        int active = roster.activeCount();
        return roster.readyActiveCount() >= Math.min(targetSize, active) && active >= targetSize;
    }

    /** OS PIDs of the workers that are alive and ready, in start order. */
    /** The live, ready workers, by host and PID, in start order. */
    List<WorkerId> readyIds() {
        List<WorkerId> ids = new ArrayList<>();
        for (Worker worker : roster.all()) {
            if (worker.isReady() && !worker.hasExited()) {
                ids.add(worker.id());
            }
        }
        return ids;
    }

    /** The live, ready workers and whether each is running a task it began. */
    List<PoolSnapshot.WorkerSnapshot> workerSnapshots() {
        List<PoolSnapshot.WorkerSnapshot> workers = new ArrayList<>();
        for (Worker worker : roster.all()) {
            if (worker.isReady() && !worker.hasExited()) {
                WorkerSlot slot = worker.slot();
                workers.add(new PoolSnapshot.WorkerSnapshot(slot.id(), !slot.isEmpty() && slot.isHeadStarted()));
            }
        }
        return workers;
    }

    String stderrOf(long pid) {
        return roster.byPid(pid).map(Worker::stderrTail).orElse("");
    }

    private void failQueued(String reason) {
        for (Slice slice : dispatcher.drainQueue()) {
            ledger.failUnstarted(slice, reason);
        }
    }

    /** After a task's outcome: the next one begins, a worker past its quota retires, and dispatch goes on. */
    private void afterTask(Worker worker) {
        starts.begin(worker.slot(), System.nanoTime());
        if (maxTasksPerWorker > 0 && worker.slot().tasksDone() >= maxTasksPerWorker && !worker.isRetiring()) {
            worker.retire();
            if (!lifecycle.isTerminated() && roster.activeCount() < targetSize) {
                spawn();
            }
        }
        if (worker.isRetiring() && worker.slot().isEmpty()) {
            worker.closeStdin();
        }
        dispatcher.dispatch();
        settle();
    }

    /**
     * Starts a worker; a failure to start one (no processes left, no java) counts as a worker that could not
     * start, so the pool gives up after a few in a row instead of throwing from deep inside dispatch.
     */
    private boolean spawn() {
        WorkerHost host = hosts.withRoom(roster.active());
        if (host == null) {
            return false;
        }
        Worker worker;
        try {
            worker = new Worker(launcher.start(host, hosts.runtimeOn(host)), host);
        } catch (IOException | RuntimeException e) {
            hosts.startFailed(host, "cannot start " + launcher.commandOn(host, hosts.runtimeOn(host)).get(0) + ": "
                    + e.getMessage());
            if (hosts.allDown()) {
                halt(new HaltReason("worker processes cannot start: " + hosts.lastFailure()), false);
            }
            return false;
        }
        worker.slot().number(SlotNumbers.free(roster, targetSize));
        roster.add(worker);
        worker.channel().start(new ChannelListener(worker));
        return true;
    }

    private void workerExited(Worker worker, int exitCode) {
        worker.markExited();
        roster.remove(worker);
        WorkerSlot slot = worker.slot();
        Worker.Kill kill = worker.killedBecause();
        boolean expected = worker.isStdinClosed() && slot.isEmpty() && kill == null;
        String how = ExitDescriptions.describe(exitCode);
        String reason;
        if (expected) {
            reason = worker.isRetiring() ? "left the pool" : "the pool closed";
        } else if (kill != null) {
            reason = kill.reason();
        } else {
            reason = "died (" + how + ")";
        }
        if (!slot.isReady() && !expected && !lifecycle.isTerminated()) {
            String tail = worker.stderrTail();
            reason = "could not start (" + how + ")" + (tail.isEmpty() ? "" : ": " + tail);
            hosts.startFailed(worker.host(), reason);
        }
        events.publishNow(new PoolEvent.WorkerExited(System.currentTimeMillis(), worker.pid(), exitCode, expected,
                reason, worker.id().host()));
        if (!expected) {
            functions.removeTemporariesOf(slot);
        }

        // A task asked back and not yet answered for counts as begun when its worker dies: the worker may have
        // started it, and an attempt is only taken back unstarted when the worker says so.
        if (slot.isReady()) {
            starts.markBegun(slot);
        }
        WorkerSlot.Drained drained = slot.drain();
        if (lifecycle.isTerminated() || lifecycle.isHalted()) {
            String notRun = lifecycle.isTerminated() ? TERMINATED.notRunReason() : lifecycle.haltReason().notRunReason();
            drained.neverStarted().forEach(unstarted -> ledger.failUnstarted(unstarted, notRun));
        } else {
            dispatcher.requeueFirst(drained.neverStarted());
        }
        Slice running = drained.running();
        if (running != null && losesTasksLikePython && kill == null) {
            // The teaching mode: the task vanishes with its worker and whoever waits for it waits on, until
            // terminate() releases it, the way out a Python user has too.
            lostTasks.add(running);
            running = null;
        }
        if (running != null) {
            long elapsedMs = (System.nanoTime() - slot.headStartNanos()) / 1_000_000L;
            String taskReason = kill != null
                    ? kill.reason() + " (worker PID " + worker.pid() + ")"
                    : "worker PID " + worker.pid() + " died (" + how + ")";
            FailureCause cause = kill != null ? kill.cause() : FailureCause.WORKER_DIED;
            if (kill == null && lostWithItsHost(worker, exitCode)) {
                cause = FailureCause.HOST_LOST;
                String tail = worker.stderrTail();
                taskReason = "worker PID " + worker.pid() + " lost with its host " + worker.host().name()
                        + (tail.isEmpty() ? "" : " (" + tail + ")");
            }
            ledger.failedAttempt(running.submission, running.next, worker.id(), taskReason, cause, exitCode,
                    elapsedMs, "");
        }
        if (!lifecycle.isTerminated() && roster.activeCount() < targetSize && needsWorkers()) {
            if (hosts.allDown()) {
                halt(new HaltReason("worker processes cannot start: " + hosts.lastFailure()), false);
            } else {
                spawn();
            }
        }
        dispatcher.dispatch();
        settle();
        if (lifecycle.isTerminated() && roster.isEmpty()) {
            signals.ended();
        }
        lock.notifyAll();
    }

    /**
     * A worker on another host whose ssh ended with ssh's own failure status: the connection or the host went,
     * not the worker. The remote shell passes on the worker's own status, a signal's included (see
     * {@link WorkerLauncher#commandOn}), and turns a worker's 255 into 254, so 255 is ssh's alone.
     */
    private static boolean lostWithItsHost(Worker worker, int exitCode) {
        return worker.host().remote() && exitCode == WorkerLauncher.SSH_FAILED;
    }

    private boolean needsWorkers() {
        return lifecycle.isRunning() || !dispatcher.isOutOfTasks();
    }

    /** One worker's channel reports here, on its reader (or writer) thread; each call takes the pool's lock briefly. */
    private final class ChannelListener implements WorkerChannel.Listener {

        private final Worker worker;

        ChannelListener(Worker worker) {
            this.worker = worker;
        }

        @Override
        public void hello(long pid) {
            synchronized (lock) {
                worker.markReady(pid);
                hosts.started(worker.host());
                // A host back from being down starts with one worker; the hello says it can take the rest.
                while (roster.activeCount() < targetSize && needsWorkers() && !lifecycle.isTerminated()
                        && !lifecycle.isHalted() && spawn()) {
                    // spawns until every host has its workers or one cannot start more
                }
                long startupMs = (System.nanoTime() - worker.spawnNanos()) / 1_000_000L;
                events.publishNow(new PoolEvent.WorkerStarted(System.currentTimeMillis(), pid, startupMs,
                        worker.id().host()));
                if (worker.isRetiring() || lifecycle.isTerminated()) {
                    worker.closeStdin();
                }
                dispatcher.dispatch();
                lock.notifyAll();
            }
        }

        @Override
        public void recalled(int taskId) {
            synchronized (lock) {
                WorkerSlot.TakenBack given = worker.slot().takeBack(taskId);
                if (given == null || worker.hasExited()) {
                    return;
                }
                if (given.wasHead()) {
                    starts.begin(worker.slot(), System.nanoTime());
                }
                dispatcher.requeueFirst(given.slice());
                dispatcher.dispatch();
            }
        }

        @Override
        public void progress(int taskId, long done, long total) {
            if (!events.hasListeners()) {
                return;
            }
            synchronized (lock) {
                outcomes.progress(worker.slot(), taskId, done, total);
            }
        }

        @Override
        public void succeeded(int taskId, long runNanos, Object value, String output) {
            synchronized (lock) {
                outcomes.succeeded(worker.slot(), taskId, runNanos, value, output);
                afterTask(worker);
            }
        }

        @Override
        public boolean succeededBatch(int firstTaskId, long totalRunNanos, ResultColumn values, int count) {
            synchronized (lock) {
                boolean kept = outcomes.succeededBatch(worker.slot(), firstTaskId, totalRunNanos, values, count);
                afterTask(worker);
                return kept;
            }
        }

        @Override
        public void failed(int taskId, long runNanos, int exitValue, String error, String output, FailureCause cause,
                           HostTrouble trouble, WireException thrown) {
            synchronized (lock) {
                outcomes.failed(worker.slot(), taskId, runNanos, exitValue, error, output, cause, trouble, thrown);
                afterTask(worker);
            }
        }

        @Override
        public void cannotSend(Throwable encoderFailed) {
            synchronized (lock) {
                worker.kill(new Worker.Kill(FailureCause.UNSENDABLE,
                        "the pool could not send tasks to its worker: " + encoderFailed));
            }
        }

        @Override
        public void brokeProtocol(Throwable why) {
            synchronized (lock) {
                if (worker.killedBecause() == null) {
                    log().log(System.Logger.Level.WARNING, "worker " + worker.id() + " broke the protocol: " + why);
                }
            }
        }

        @Override
        public void exited(int exitCode) {
            synchronized (lock) {
                workerExited(worker, exitCode);
            }
        }
    }

    /** Asked for when needed: finding a logger starts the logging system, which a pool's start-up need not pay for. */
    private static System.Logger log() {
        return System.getLogger(Supervisor.class.getName());
    }
}
