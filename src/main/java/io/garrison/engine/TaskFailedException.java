package io.garrison.engine;

/**
 * A task failed in its worker, or could not be run. The message is the reason as the user reads it
 * ({@code worker PID 4242 died (killed by signal 9, SIGKILL)}, {@code java.lang.ArithmeticException: / by zero}).
 */
public final class TaskFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int task;
    private final long pid;
    private final String remoteOutput;
    private final FailureCause failureCause;

    /** A failure of the task itself ({@link FailureCause#TASK_ERROR}). */
    public TaskFailedException(int task, long pid, String reason, String remoteOutput) {
        this(task, pid, reason, remoteOutput, FailureCause.TASK_ERROR);
    }

    public TaskFailedException(int task, long pid, String reason, String remoteOutput, FailureCause failureCause) {
        super("task " + task + " failed: " + reason);
        this.task = task;
        this.pid = pid;
        this.remoteOutput = remoteOutput;
        this.failureCause = failureCause;
    }

    /** Why the task failed, as a type. */
    public FailureCause failureCause() {
        return failureCause;
    }

    /** The index of the task within its submission. */
    public int task() {
        return task;
    }

    /** The worker that ran it last, or 0 if none did. */
    public long pid() {
        return pid;
    }

    /** What the task printed, including the worker-side stack trace of an exception. */
    public String remoteOutput() {
        return remoteOutput;
    }
}
