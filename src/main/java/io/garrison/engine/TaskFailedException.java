package io.garrison.engine;

/**
 * A task failed in its worker, or could not be run. The message is the reason as the user reads it
 * ({@code worker PID 4242 died (killed by signal 9, SIGKILL)}, {@code java.lang.ArithmeticException: / by zero}).
 *
 * <p>When the task threw, the {@linkplain #getCause() cause} is its own exception, brought back from the worker
 * with the stack trace it had there, as {@link java.util.concurrent.ExecutionException} carries a
 * {@code Future}'s: {@code catch (TaskFailedException e) { if (e.getCause() instanceof MyError mine) ... }}. An
 * exception that cannot be brought back (it is not serializable, or its class is not on this side's class path)
 * is stood in for by a {@link StandInTaskException} that names its class and message. A failure that is not the
 * task's exception (a dead worker, a timeout, a task never run) has no cause.
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
        this(task, pid, reason, remoteOutput, failureCause, null);
    }

    /** @param taskException what the task threw, or null when the failure is not an exception of the task's */
    public TaskFailedException(int task, long pid, String reason, String remoteOutput, FailureCause failureCause,
                               Throwable taskException) {
        super("task " + task + " failed: " + reason);
        if (taskException != null) {
            initCause(taskException);
        }
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
