package io.garrison.ui.parade;

import io.garrison.engine.PoolState;
import javafx.css.PseudoClass;

/**
 * Where a pool stands as the badge tells it. The engine's TERMINATED covers two ends that a class must tell apart:
 * close() having run its course (queued tasks done, workers gone) and terminate() having killed the workers.
 */
public enum PoolStage {
    /** No pool yet, or it is starting. */
    STARTING("ui.pool.none"),
    RUNNING("ui.pool.running"),
    /** close() was called: queued tasks still run, then the workers leave. */
    CLOSING("ui.pool.closing"),
    /** close() ran its course: every queued task done, every worker gone. */
    CLOSED("ui.pool.closedDone"),
    /** terminate() killed the workers. */
    TERMINATED("ui.pool.terminated");

    private final String messageKey;
    private final PseudoClass pseudoClass = PseudoClass.getPseudoClass(name().toLowerCase());

    PoolStage(String messageKey) {
        this.messageKey = messageKey;
    }

    public static PoolStage of(PoolState state, boolean terminateCalled) {
        if (state == null) {
            return STARTING;
        }
        return switch (state) {
            case RUNNING -> RUNNING;
            case CLOSED -> CLOSING;
            case TERMINATED -> terminateCalled ? TERMINATED : CLOSED;
        };
    }

    public String messageKey() {
        return messageKey;
    }

    /** The badge's CSS pseudo-class. */
    public PseudoClass pseudoClass() {
        return pseudoClass;
    }
}
