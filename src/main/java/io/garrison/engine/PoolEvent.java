package io.garrison.engine;

import java.util.Objects;

/**
 * A typed fact the engine emits. Delivered in order, on the pool's event thread, never on the dispatch path.
 * Task events carry the task's 0-based index (within its list or submission), its 1-based list line (0 when
 * the task did not come from a list) and, once it reached one, the worker's OS PID (0 when none).
 */
public sealed interface PoolEvent {

    /** Milliseconds since the epoch when the engine saw the fact. */
    long timestampMs();

    /**
     * A worker process answered its first message: from now on it takes tasks. {@code host} is where it runs
     * ({@link WorkerId#LOCAL} on this machine), as on every event that names a worker: a PID names a process only
     * on its own host.
     */
    record WorkerStarted(long timestampMs, long pid, long startupMs, String host) implements PoolEvent {

        /** A worker on this machine. */
        public WorkerStarted(long timestampMs, long pid, long startupMs) {
            this(timestampMs, pid, startupMs, WorkerId.LOCAL);
        }
    }

    /**
     * A worker process ended. {@code reason} says why in words: retired after its task quota, pool closed,
     * killed for a timeout, or died with an exit code or signal.
     */
    record WorkerExited(long timestampMs, long pid, int exitCode, boolean expected, String reason, String host)
            implements PoolEvent {

        /** A worker on this machine. */
        public WorkerExited(long timestampMs, long pid, int exitCode, boolean expected, String reason) {
            this(timestampMs, pid, exitCode, expected, reason, WorkerId.LOCAL);
        }
    }

    /** A worker began a task. {@code attempt} is 1 for the first try, 2 for the first retry, ... */
    record TaskStarted(long timestampMs, int task, int line, String input, long pid, int attempt, String host)
            implements PoolEvent {

        /** On a worker of this machine. */
        public TaskStarted(long timestampMs, int task, int line, String input, long pid, int attempt) {
            this(timestampMs, task, line, input, pid, attempt, WorkerId.LOCAL);
        }
    }

    /** Bytes (or milliseconds, for sleep and cpu) done of a task; {@code total} is -1 when unknown. Coalesced. */
    record TaskProgress(long timestampMs, int task, int line, long pid, long done, long total, String host)
            implements PoolEvent {

        /** Progress on this machine. */
        public TaskProgress(long timestampMs, int task, int line, long pid, long done, long total) {
            this(timestampMs, task, line, pid, done, total, WorkerId.LOCAL);
        }
    }

    /**
     * A task returned a result. {@code output} is what it printed, captured in full for this task only.
     * {@code input} is empty when no listener of the pool wants it ({@link PoolListener#wantsSucceededInputs()}).
     * {@code alreadyThere} is true for a download that no worker ran because its file was already in the output
     * folder ({@code --no-clobber}); its {@code pid} is then 0 and its result the file's name.
     */
    record TaskSucceeded(long timestampMs, int task, int line, String input, long pid, String result,
                         long elapsedMs, String output, String host, boolean alreadyThere) implements PoolEvent {

        /** Run by a worker. */
        public TaskSucceeded(long timestampMs, int task, int line, String input, long pid, String result,
                             long elapsedMs, String output, String host) {
            this(timestampMs, task, line, input, pid, result, elapsedMs, output, host, false);
        }

        /** Run by a worker of this machine. */
        public TaskSucceeded(long timestampMs, int task, int line, String input, long pid, String result,
                             long elapsedMs, String output) {
            this(timestampMs, task, line, input, pid, result, elapsedMs, output, WorkerId.LOCAL);
        }
    }

    /**
     * A task failed. When {@code willRetry} is true it goes back to the queue and a later event tells its
     * fate; otherwise this is final. {@code pid} is 0 for a line that was invalid and never ran. {@code cause}
     * says why as a type; {@code error} says it in words.
     */
    record TaskFailed(long timestampMs, int task, int line, String input, long pid, String error,
                      int exitValue, long elapsedMs, int attempt, boolean willRetry, String output,
                      FailureCause cause, String host)
            implements PoolEvent {

        /** How the reason of a task that never started begins: it was still queued when the run ended early. */
        public static final String NOT_RUN = "not run: ";

        public TaskFailed {
            Objects.requireNonNull(cause, "cause");
            Objects.requireNonNull(host, "host");
        }

        /** On a worker of this machine, or a task that never reached one. */
        public TaskFailed(long timestampMs, int task, int line, String input, long pid, String error,
                          int exitValue, long elapsedMs, int attempt, boolean willRetry, String output,
                          FailureCause cause) {
            this(timestampMs, task, line, input, pid, error, exitValue, elapsedMs, attempt, willRetry, output, cause,
                    WorkerId.LOCAL);
        }

        /** A failure of the task itself ({@link FailureCause#TASK_ERROR}), as events made before causes had types. */
        public TaskFailed(long timestampMs, int task, int line, String input, long pid, String error,
                          int exitValue, long elapsedMs, int attempt, boolean willRetry, String output) {
            this(timestampMs, task, line, input, pid, error, exitValue, elapsedMs, attempt, willRetry, output,
                    FailureCause.TASK_ERROR);
        }

        /**
         * True for a task that never started: still queued when the pool halted, was terminated or the run
         * stopped. A task queued again after a failed attempt did run, and is not one.
         */
        public boolean notRun() {
            return cause == FailureCause.NOT_RUN && attempt == 0;
        }
    }

    /**
     * The pool's state changed (running, closed, terminated), or its target size did. A pool whose close() ran
     * its course (queue done, workers gone) is TERMINATED too, as Python's is; {@code terminateCalled} tells it
     * from one that terminate() ended, so a picture can say "closed" of the first.
     */
    record PoolStateChanged(long timestampMs, PoolState state, int targetSize, boolean terminateCalled)
            implements PoolEvent {

        /** Without knowing how it ended: a TERMINATED pool is taken to have been terminated. */
        public PoolStateChanged(long timestampMs, PoolState state, int targetSize) {
            this(timestampMs, state, targetSize, state == PoolState.TERMINATED);
        }
    }

    /**
     * A web host's downloads wait: no task of {@code host} (host and port) goes to a worker for {@code pausedMs},
     * for what {@code reason} says (its Retry-After, or a back-off after a passing failure); after that at most
     * {@code atOnce} of its tasks are out at once (0: no limit), lowered after a 429.
     */
    record HostPaused(long timestampMs, String host, long pausedMs, int atOnce, String reason) implements PoolEvent {
    }

    /** A run (a task list through the pool) ended; counts are of its tasks. */
    record RunFinished(long timestampMs, int total, int succeeded, int failed, int skipped, long elapsedMs)
            implements PoolEvent {
    }
}
