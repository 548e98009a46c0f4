package io.garrison.python;

import io.garrison.engine.PoolEvent;
import io.garrison.stream.BadEventLine;
import io.garrison.stream.JsonEventReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Where the probe's processes report: a loopback socket, one connection per Python process. A connection's first
 * line is {@code TOKEN PID}; one without the run's token is closed unread, so another local user cannot put
 * events into the run. Each connection's lines are read by a thread of its own with a reader of its own, and handed
 * to the {@link Receiver} in the order that connection sent them. A line that is not an event is skipped (and
 * logged): the connection stays open, as the script's own connection must until the script ends (its closing tells
 * the probe that Garrison is gone, and the probe then ends the run).
 */
final class ProbeServer implements AutoCloseable {

    /** Gets what the connections say; called from their reader threads, so any thread. */
    interface Receiver {
        void events(long pid, List<PoolEvent> events);

        /** The connection of the process {@code pid} ended: everything it sent has been handed over. */
        void ended(long pid);
    }

    private static final System.Logger LOG = System.getLogger(ProbeServer.class.getName());
    /** How long a new connection has to say its token: a probe says it at once. */
    private static final int TOKEN_TIMEOUT_MS = 10_000;

    private final ServerSocket server;
    private final String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    private final Receiver receiver;
    /** Connections being read; guarded by itself, notified when one ends. */
    private final Set<Socket> open = new HashSet<>();
    private final Thread acceptor;

    ProbeServer(Receiver receiver) throws IOException {
        this.receiver = receiver;
        warmUp();
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::accept, "garrison-python-probe-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * Reads one event before the script starts: the JSON reader's first use costs a few hundred milliseconds, and
     * paid later by every connection's thread at once it would shuffle their first events.
     */
    private static void warmUp() {
        try {
            new JsonEventReader().read("{\"type\":\"worker-started\",\"timestampMs\":0,\"pid\":1}");
        } catch (BadEventLine e) {
            throw new IllegalStateException("the reader does not read a worker-started", e);
        }
    }

    /** The value of the probe's {@code GARRISON_PROBE} variable: address, port and token. */
    String address() {
        return server.getInetAddress().getHostAddress() + ":" + server.getLocalPort() + ":" + token;
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                return;
            }
            synchronized (open) {
                open.add(socket);
            }
            Thread reader = new Thread(() -> read(socket), "garrison-python-probe-read");
            reader.setDaemon(true);
            reader.start();
        }
    }

    private void read(Socket socket) {
        long pid = -1;
        try (socket; BufferedReader in = new BufferedReader(
                new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
            socket.setSoTimeout(TOKEN_TIMEOUT_MS);
            pid = greeting(in.readLine());
            if (pid < 0) {
                return;
            }
            socket.setSoTimeout(0);
            JsonEventReader events = new JsonEventReader();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                try {
                    receiver.events(pid, events.read(line));
                } catch (BadEventLine e) {
                    LOG.log(Level.WARNING, "the Python probe of process {0} sent a line that is not an event: {1}",
                            pid, e.getMessage());
                }
            }
        } catch (SocketTimeoutException e) {
            LOG.log(Level.WARNING, "a connection to the Python probe's port said no token in time; closed");
        } catch (IOException e) {
            // The process is gone: what it sent has been read.
        } finally {
            // Said before the connection counts as ended, so that whoever waits for all to end hears it first.
            if (pid >= 0) {
                receiver.ended(pid);
            }
            synchronized (open) {
                open.remove(socket);
                open.notifyAll();
            }
        }
    }

    /** The PID a connection's first line names, or -1 when it does not carry the run's token. */
    private long greeting(String line) {
        if (line == null) {
            return -1;
        }
        int space = line.indexOf(' ');
        if (space < 0 || !MessageDigest.isEqual(token.getBytes(StandardCharsets.US_ASCII),
                line.substring(0, space).getBytes(StandardCharsets.US_ASCII))) {
            LOG.log(Level.WARNING, "a connection to the Python probe's port did not carry the run's token; closed");
            return -1;
        }
        try {
            return Long.parseLong(line.substring(space + 1).trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Waits, at most {@code timeoutMs}, until no connection is open any more. */
    void awaitAllEnded(long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        synchronized (open) {
            while (!open.isEmpty()) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return;
                }
                open.wait(left);
            }
        }
    }

    /** Stops taking connections and closes those still open, which ends their reader threads. */
    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closed already
        }
        List<Socket> still;
        synchronized (open) {
            still = List.copyOf(open);
        }
        for (Socket socket : still) {
            try {
                socket.close();
            } catch (IOException e) {
                // closed already
            }
        }
    }
}
