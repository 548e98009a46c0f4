package io.garrison.shared;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Manager's named locks. A lock belongs to a connection, not a thread: the server releases every lock of a
 * connection when it closes, so a client that dies (even by SIGKILL) never leaves a lock held. Not reentrant: a
 * connection that asks again for a lock it holds is refused rather than deadlocked. Thread-safe.
 */
final class ManagerLocks {

    private final Map<String, Long> holders = new HashMap<>();

    /**
     * Waits until lock {@code name} is free, at most {@code timeoutMillis} (negative: no limit), and takes it
     * for {@code connection}.
     *
     * @return whether it was taken
     */
    synchronized boolean acquire(String name, long connection, long timeoutMillis) throws InterruptedException {
        if (Long.valueOf(connection).equals(holders.get(name))) {
            throw new IllegalStateException("lock '" + name + "' is already held by this connection");
        }
        // Saturates: a wait of Long.MAX_VALUE ms is as long as the JVM can measure, not an overflow into the past.
        long budget = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        long start = System.nanoTime();
        while (holders.containsKey(name)) {
            if (timeoutMillis < 0) {
                wait();
            } else {
                long left = budget - (System.nanoTime() - start);
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
        holders.put(name, connection);
        return true;
    }

    synchronized void release(String name, long connection) {
        if (!holders.remove(name, connection)) {
            throw new IllegalStateException("lock '" + name + "' is not held by this connection");
        }
        notifyAll();
    }

    /** Releases every lock {@code connection} holds; called when it closes. */
    synchronized void releaseAll(long connection) {
        if (holders.values().removeIf(holder -> holder == connection)) {
            notifyAll();
        }
    }
}
