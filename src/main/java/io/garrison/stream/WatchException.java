package io.garrison.stream;

import java.io.IOException;

/** Why watching a run failed, as a {@link Failure} a caller can act on, with the detail in the message. */
public final class WatchException extends IOException {

    /** What went wrong. */
    public enum Failure {
        /** No live run of this user serves on that port (it ended, or never was). */
        NO_SUCH_RUN,
        /** The run refused the token: the registry's entry is not that run's. */
        REFUSED_TOKEN,
        /** The connection ended before the run's end: the run died, or cut off a watcher that stopped reading. */
        CONNECTION_LOST
    }

    private final Failure failure;

    WatchException(Failure failure, String message, Throwable cause) {
        super(message, cause);
        this.failure = failure;
    }

    public Failure failure() {
        return failure;
    }
}
