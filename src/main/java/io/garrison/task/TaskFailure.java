package io.garrison.task;

/**
 * A task that ran and failed for a reason the user should read as is (an HTTP status, a command's exit
 * code), as opposed to a bug that deserves a stack trace.
 */
public final class TaskFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final int exitValue;

    public TaskFailure(String reason) {
        this(reason, 1);
    }

    public TaskFailure(String reason, int exitValue) {
        super(reason);
        this.exitValue = exitValue;
    }

    /** The exit value recorded in the joblog: a command's own exit code, else 1. */
    public int exitValue() {
        return exitValue;
    }
}
