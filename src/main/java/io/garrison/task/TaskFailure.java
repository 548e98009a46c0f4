package io.garrison.task;

/**
 * A task that ran and failed for a reason the user should read as is (an HTTP status, a command's exit
 * code), as opposed to a bug that deserves a stack trace.
 */
public final class TaskFailure extends Exception {

    private static final long serialVersionUID = 1L;

    /** Whether trying the task again can help, as the task knows it; the pool decides when it does not say. */
    public enum Retry {
        /** The pool's retries apply as to any failure. */
        AS_POOL_DECIDES,
        /** Trying again cannot change it (HTTP 404, 410, 401, 403, a refused certificate): never retried. */
        NEVER,
        /** A passing trouble of the task's host (502, 503, 504, a reset): retried after a pause of that host. */
        LATER,
        /** The host asked for fewer requests (429): as {@link #LATER}, and fewer of its tasks at once for a while. */
        SLOWER
    }

    private final int exitValue;
    private final Retry retry;
    private final long retryAfterMs;

    public TaskFailure(String reason) {
        this(reason, 1);
    }

    public TaskFailure(String reason, int exitValue) {
        this(reason, exitValue, Retry.AS_POOL_DECIDES, 0);
    }

    private TaskFailure(String reason, int exitValue, Retry retry, long retryAfterMs) {
        super(reason);
        this.exitValue = exitValue;
        this.retry = retry;
        this.retryAfterMs = retryAfterMs;
    }

    /** A failure that trying again cannot change. */
    public static TaskFailure permanent(String reason) {
        return new TaskFailure(reason, 1, Retry.NEVER, 0);
    }

    /** A passing failure; {@code retryAfterMs} is what the host asked for (Retry-After), 0 when it did not say. */
    public static TaskFailure passing(String reason, long retryAfterMs) {
        return new TaskFailure(reason, 1, Retry.LATER, Math.max(0, retryAfterMs));
    }

    /** The host said "too many requests": a passing failure that also asks for fewer at once. */
    public static TaskFailure tooMany(String reason, long retryAfterMs) {
        return new TaskFailure(reason, 1, Retry.SLOWER, Math.max(0, retryAfterMs));
    }

    public Retry retry() {
        return retry;
    }

    public long retryAfterMs() {
        return retryAfterMs;
    }

    /** The exit value recorded in the joblog: a command's own exit code, else 1. */
    public int exitValue() {
        return exitValue;
    }
}
