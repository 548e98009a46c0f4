package io.garrison.python;

/** No Python that can run the probe: none found, or one older than 3.8. The message says which, for people. */
public final class PythonUnavailableException extends Exception {

    /** Why, as a type. */
    public enum Reason {
        /** No {@code python3} on the PATH (or none where {@code GARRISON_PYTHON} points). */
        NOT_FOUND,
        /** A Python older than 3.8, whose pool the probe does not know. */
        TOO_OLD,
        /** A program that did not answer as Python does when asked its version. */
        NOT_PYTHON
    }

    private final Reason reason;

    PythonUnavailableException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
