package io.garrison.engine;

/** RUNNING → CLOSED (no new tasks; queued ones finish) → TERMINATED. */
public enum PoolState {
    RUNNING, CLOSED, TERMINATED
}
