package io.garrison.shared;

import java.io.IOException;

/** The Manager and a client did not prove to each other that they hold the same key. */
public final class ManagerAuthenticationException extends IOException {

    private static final long serialVersionUID = 1L;

    public ManagerAuthenticationException(String message) {
        super(message);
    }
}
