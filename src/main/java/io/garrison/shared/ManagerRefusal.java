package io.garrison.shared;

/** The server refuses one request, for {@link #reason()}; the connection carries on. */
final class ManagerRefusal extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ManagerException.Reason reason;

    ManagerRefusal(ManagerException.Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    ManagerException.Reason reason() {
        return reason;
    }
}
