package io.garrison.shared;

/** A Manager request failed: the server refused it (unknown object, bad index) or the connection broke. */
public final class ManagerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ManagerException(String message) {
        super(message);
    }

    public ManagerException(String message, Throwable cause) {
        super(message, cause);
    }
}
