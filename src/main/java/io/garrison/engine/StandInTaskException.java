package io.garrison.engine;

/**
 * Stands in, as a {@link TaskFailedException}'s cause, for a task's exception that could not be brought back
 * from its worker: one that is not serializable, or whose class is not on this side's class path. It names the
 * exception's class and message and carries the stack trace the exception had in the worker. (Python's Pool
 * raises {@code MaybeEncodingError} for an exception it cannot send back.)
 */
public final class StandInTaskException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String className;
    private final String originalMessage;
    private final String whyStandIn;

    StandInTaskException(String className, String originalMessage, StackTraceElement[] frames, String whyStandIn) {
        super(originalMessage == null ? className : className + ": " + originalMessage);
        this.className = className;
        this.originalMessage = originalMessage;
        this.whyStandIn = whyStandIn;
        setStackTrace(frames);
    }

    /** The name of the class of the exception the task threw. */
    public String className() {
        return className;
    }

    /** The message of the exception the task threw; null when it had none. */
    public String originalMessage() {
        return originalMessage;
    }

    /** Why the exception itself could not be brought back, e.g. {@code class not on this class path: ...}. */
    public String whyStandIn() {
        return whyStandIn;
    }
}
