package io.garrison.engine;

import io.garrison.protocol.MessageType;
import java.util.concurrent.TimeUnit;

/**
 * Pings each live worker on another host several times within the silence after which it leaves
 * ({@link MessageType#HEARTBEAT_PROPERTY}). A network partition never closes such a worker's stdin, so without
 * the pings it would run on, with whatever its task started, while the pool retries that task elsewhere. The
 * default limit matches the ssh client's keep-alives ({@link WorkerHost#ssh}): both ends give up on a lost link
 * at about the same time. Workers on this machine read end-of-file when the pool goes, and get no pings.
 *
 * <p>Threading: {@link #pingWhenDue} is called under the pool's lock by its watchdog; it only queues frames for
 * the channels' writer threads, so a stuck pipe never holds the lock.
 */
final class RemoteHeartbeat {

    /** Sets how long a worker on another host may hear nothing, in milliseconds, e.g. a short limit for tests. */
    static final String LIMIT_PROPERTY = "garrison.remote.heartbeatMillis";
    private static final long DEFAULT_LIMIT_MS = 20_000;
    /** Pings per limit: a worker leaves when several in a row are lost, never for one that comes late. */
    private static final int PINGS_PER_LIMIT = 4;

    private final WorkerRoster roster;
    private final long periodNanos;
    private long lastPingNanos;

    /** @param startNanos when the pool starts, by {@link System#nanoTime()}: the first pings follow a period later */
    RemoteHeartbeat(WorkerRoster roster, long limitMillis, long startNanos) {
        this.roster = roster;
        this.periodNanos = TimeUnit.MILLISECONDS.toNanos(limitMillis) / PINGS_PER_LIMIT;
        this.lastPingNanos = startNanos;
    }

    /** The silence after which a worker on another host leaves: {@value #DEFAULT_LIMIT_MS} ms, or the property's. */
    static long limitMillis() {
        long limit = Long.getLong(LIMIT_PROPERTY, DEFAULT_LIMIT_MS);
        return limit > 0 ? limit : DEFAULT_LIMIT_MS;
    }

    /** Once a period: a ping to every worker on another host that has not exited and whose stdin is open. */
    void pingWhenDue(long now) {
        if (now - lastPingNanos < periodNanos) {
            return;
        }
        lastPingNanos = now;
        for (Worker worker : roster.all()) {
            if (worker.host().remote() && !worker.hasExited() && !worker.isStdinClosed()) {
                worker.channel().ping();
            }
        }
    }
}
