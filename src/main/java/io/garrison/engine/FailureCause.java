package io.garrison.engine;

/**
 * Why a task failed, as a type: callers decide by the cause, and show the reason's words to people. The words
 * may change between versions; the causes do not.
 */
public enum FailureCause {
    /** It never started: still queued, or held unstarted by a worker, when the pool halted, was terminated or the run stopped. */
    NOT_RUN,
    /** It was running when a halt ({@code --halt now}) or {@code terminate()} killed its worker. */
    HALTED_WHILE_RUNNING,
    /** It ran past the pool's task timeout and was killed with its worker. */
    TIMED_OUT,
    /** Its worker process died under it (killed by a signal, crashed, or could not be kept). */
    WORKER_DIED,
    /**
     * Its worker's host, or the connection to it, was lost. The task is tried again without using up its own
     * retries, a few times at most: a task that takes its host down with it must not go round for ever.
     */
    HOST_LOST,
    /** The task itself failed: its function threw, or its command exited non-zero. */
    TASK_ERROR,
    /** The task failed in a way trying again cannot change (HTTP 404, 410, 401, 403): it is not retried. */
    PERMANENT_ERROR,
    /** Its line of a task list is not a valid input; it never reached a worker. */
    INVALID_LINE,
    /** Its input or result could not cross between the processes (not serializable, or unreadable here). */
    UNSENDABLE
}
