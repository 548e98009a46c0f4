package io.garrison.worker;

import io.garrison.protocol.MessageType;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;

/**
 * Ends a worker that has heard nothing from its parent for too long. A worker learns that its parent is gone
 * from end-of-file on stdin, but one on another host that a network partition cuts off may never read it: its
 * sshd waits for the lost client as long as TCP does. Its parent pings it well within the limit
 * ({@link MessageType#PING}), so a silence that long means the link is lost, and the pool retries the worker's
 * tasks elsewhere; the worker then leaves as it does at end-of-file, with whatever its task started.
 *
 * <p>Any bytes from the parent count, not only whole messages: a long message on a slow link is no silence.
 *
 * <p>Threading: the stream of {@link #listenTo} is read by the stdin reader; the check runs on this daemon thread.
 */
final class ParentSilence extends Thread {

    private static final long CHECK_PERIOD_MS = 1000;

    private final long limitMillis;
    private final PrintStream stderr;
    private volatile long lastHeardNanos = System.nanoTime();

    /** @param stderr where the worker says why it leaves: its parent's log of this worker */
    ParentSilence(long limitMillis, PrintStream stderr) {
        super("garrison-worker-heartbeat");
        setDaemon(true);
        this.limitMillis = limitMillis;
        this.stderr = stderr;
    }

    /** {@code fromParent}, noting the time whenever bytes arrive. */
    InputStream listenTo(InputStream fromParent) {
        return new FilterInputStream(fromParent) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    lastHeardNanos = System.nanoTime();
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    lastHeardNanos = System.nanoTime();
                }
                return n;
            }
        };
    }

    @Override
    public void run() {
        while (true) {
            try {
                Thread.sleep(CHECK_PERIOD_MS);
            } catch (InterruptedException e) {
                return;
            }
            long silentMillis = (System.nanoTime() - lastHeardNanos) / 1_000_000L;
            if (silentMillis >= limitMillis) {
                stderr.println("garrison worker: nothing from the parent for " + silentMillis + " ms (the limit is "
                        + limitMillis + " ms); taking the link to it for lost and leaving");
                WorkerMain.haltWithDescendants(MessageType.PARENT_SILENT_EXIT_STATUS);
            }
        }
    }
}
