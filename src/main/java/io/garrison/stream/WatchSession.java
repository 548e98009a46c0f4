package io.garrison.stream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * One watcher's connection to a {@link WatchServer}: its reading thread takes the token, answers it, then reads
 * the watcher's commands until the watcher stops sending; its sending thread copies the spool to the watcher at
 * the watcher's pace and writes the end line once the spool ended whole.
 *
 * <p>States: reading the token, then sending (from {@link #beginSending}), or cut (by the server, or after a wrong
 * token). The transitions are under this session's monitor.
 */
final class WatchSession {

    private static final int CHUNK = 1 << 16;

    private final Socket socket;
    private final int number;
    private final WatchServer server;
    /** Guarded by this session. */
    private boolean cut;
    /** Set once, under this session's monitor, when the token was right. */
    private volatile Thread sender;
    /** When the watcher last took bytes, by {@link System#nanoTime()}. */
    private volatile long lastProgressNanos = System.nanoTime();

    WatchSession(Socket socket, int number, WatchServer server) {
        this.socket = socket;
        this.number = number;
        this.server = server;
    }

    void startReading() {
        Thread reader = new Thread(this::read, "garrison-watch-" + number);
        reader.setDaemon(true);
        reader.start();
    }

    /** Whether this session sends the stream; false before its token and after its sender ended. */
    synchronized boolean isSending() {
        return sender != null && sender.isAlive();
    }

    long lastProgressNanos() {
        return lastProgressNanos;
    }

    /** Waits up to {@code nanos} for the sender to end. */
    void awaitSent(long nanos) throws InterruptedException {
        Thread sending = sender;
        if (sending != null) {
            TimeUnit.NANOSECONDS.timedJoin(sending, nanos);
        }
    }

    /** Closes the connection: a blocked read or write on it ends at once. */
    synchronized void cut() {
        cut = true;
        WatchServer.closeQuietly(socket);
    }

    private void read() {
        try {
            socket.setSoTimeout((int) WatchServer.TOKEN_WAIT.toMillis());
            InputStream in = new BufferedInputStream(socket.getInputStream());
            String token = WatchProtocol.readLine(in, WatchProtocol.MAX_TOKEN_LINE);
            if (token == null || !server.acceptsToken(token.strip())) {
                OutputStream out = socket.getOutputStream();
                out.write((WatchProtocol.REFUSED + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                cut();
                return;
            }
            socket.setSoTimeout(0);
            if (!beginSending()) {
                cut();
                return;
            }
            String line;
            while ((line = WatchProtocol.readLine(in, WatchProtocol.MAX_COMMAND_LINE)) != null) {
                WatchProtocol.killed(line).ifPresent(server::kill);
            }
            // The watcher sends no more; it may still read, so the sender goes on.
        } catch (IOException e) {
            // A silent or oversized start, a watcher gone, or a connection the server cut: this reader is done.
            if (sender == null) {
                cut();
            }
        } finally {
            if (sender == null) {
                server.closed(this);
            }
        }
    }

    private synchronized boolean beginSending() {
        if (cut || !server.mayServe()) {
            return false;
        }
        Thread sending = new Thread(this::send, "garrison-watch-" + number + "-send");
        sending.setDaemon(true);
        sender = sending;
        sending.start();
        return true;
    }

    private void send() {
        EventSpool spool = server.spool();
        try (FileChannel reader = spool.openReader()) {
            OutputStream out = socket.getOutputStream();
            out.write((WatchProtocol.ACCEPTED + "\n").getBytes(StandardCharsets.UTF_8));
            lastProgressNanos = System.nanoTime();
            ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
            long position = 0;
            long end;
            while ((end = spool.awaitBeyond(position)) >= 0) {
                while (position < end) {
                    buffer.clear().limit((int) Math.min(CHUNK, end - position));
                    int read = reader.read(buffer, position);
                    if (read <= 0) {
                        throw new IOException("the spool is shorter than it was said to be");
                    }
                    out.write(buffer.array(), 0, read);
                    position += read;
                    lastProgressNanos = System.nanoTime();
                }
            }
            if (spool.isWhole()) {
                out.write((WatchProtocol.END + "\n").getBytes(StandardCharsets.UTF_8));
                // The end of file follows the bytes already on their way, never overtakes them.
                socket.shutdownOutput();
            }
        } catch (IOException e) {
            // The watcher went away, or was cut off: it gets no end line, and its end says so.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            cut();
            server.closed(this);
        }
    }
}
