package io.garrison.shared;

/**
 * A Manager request failed: the server refused it (unknown object, bad index, over a limit) or the connection
 * broke; {@link #reason()} says which.
 */
public final class ManagerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why a request failed. */
    public enum Reason {
        /** The request is malformed: a missing field, a wrong type, an index out of range, an unknown object. */
        INVALID,
        /** A value is nested deeper than the server stores. */
        TOO_DEEP,
        /** A value, or the object it would grow, is larger than a response may carry. */
        TOO_LARGE,
        /** The server's memory quota is used up. */
        OVER_QUOTA,
        /** A number, given or resulting, is infinite, NaN or beyond the range of a double. */
        NOT_FINITE,
        /** The connection to the server broke. */
        CONNECTION_LOST,
        /** The server gave no reason this client knows. */
        OTHER;

        static Reason parse(String name) {
            for (Reason reason : values()) {
                if (reason.name().equals(name)) {
                    return reason;
                }
            }
            return OTHER;
        }
    }

    private final Reason reason;

    public ManagerException(String message) {
        this(Reason.OTHER, message);
    }

    public ManagerException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public ManagerException(String message, Throwable cause) {
        super(message, cause);
        this.reason = Reason.CONNECTION_LOST;
    }

    public Reason reason() {
        return reason;
    }
}
