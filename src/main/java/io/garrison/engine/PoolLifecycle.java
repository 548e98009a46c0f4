package io.garrison.engine;

/**
 * Where a pool is in its life, and why it stopped early if it did.
 *
 * <pre>
 *  from        event                                         to          notes
 *  RUNNING     close()                                       CLOSED      queued tasks still run
 *  RUNNING     halt (policy, caller, workers cannot start)   CLOSED      halted: queued tasks fail, not run
 *  CLOSED      halt                                          CLOSED      halted; the latest reason is kept
 *  RUNNING     terminate()                                   TERMINATED  workers killed, tasks fail
 *  CLOSED      terminate()                                   TERMINATED
 *  CLOSED      queue empty and the last worker gone          TERMINATED  settled: close() has run its course
 *                                                                        (not terminateCalled(): the picture says "closed")
 *  TERMINATED  anything                                      TERMINATED  final
 * </pre>
 *
 * Only a RUNNING pool takes new tasks. A halted pool is CLOSED with a {@link #haltReason()}; a halt is also
 * recorded on a pool that is already TERMINATED, so that late failures are not retried.
 *
 * <p>Threading: every field is accessed only under the pool's lock, and every method is called holding it.
 */
final class PoolLifecycle {

    private PoolState state = PoolState.RUNNING;
    private HaltReason haltedBecause;
    /** Whether terminate() ended the pool, rather than close() running its course. */
    private boolean terminateCalled;

    PoolState state() {
        return state;
    }

    boolean isRunning() {
        return state == PoolState.RUNNING;
    }

    boolean isTerminated() {
        return state == PoolState.TERMINATED;
    }

    /** Halted, or terminated: a failed task is not tried again. */
    boolean stopsRetries() {
        return haltedBecause != null || state == PoolState.TERMINATED;
    }

    /** @return true if the pool was RUNNING and now is CLOSED */
    boolean close() {
        if (state != PoolState.RUNNING) {
            return false;
        }
        state = PoolState.CLOSED;
        return true;
    }

    /** Records the halt. @return true if the state changed (RUNNING to CLOSED) */
    boolean halt(HaltReason reason) {
        haltedBecause = reason;
        return close();
    }

    boolean isHalted() {
        return haltedBecause != null;
    }

    /** Why the pool halted, or null. */
    HaltReason haltReason() {
        return haltedBecause;
    }

    /** terminate() was called. @return true if the pool was not TERMINATED before */
    boolean terminate() {
        if (state == PoolState.TERMINATED) {
            return false;
        }
        state = PoolState.TERMINATED;
        terminateCalled = true;
        return true;
    }

    /** A closed pool's queue is done and its last worker gone: close() has run its course. */
    void finishClosing() {
        state = PoolState.TERMINATED;
    }

    /** Whether terminate() ended the pool (false while it runs, and when close() ran its course). */
    boolean terminateCalled() {
        return terminateCalled;
    }

    boolean isClosed() {
        return state == PoolState.CLOSED;
    }

    /** @throws IllegalStateException unless RUNNING, saying why the pool stopped if it stopped by itself */
    void requireRunning() {
        if (state != PoolState.RUNNING) {
            String why = haltedBecause == null ? "" : " (" + haltedBecause.notRunReason() + ")";
            throw new IllegalStateException("the pool is " + state.name().toLowerCase() + why + ": it takes no new tasks");
        }
    }
}
