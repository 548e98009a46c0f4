package io.garrison.shared;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Manager's server, running in the current process: accepts TCP connections, authenticates each one with
 * the key, and serves the shared objects to it. {@code garrison manager serve} runs it in the foreground; the
 * {@link Manager} handle runs it in a child JVM through {@link ManagerServerMain}.
 *
 * <p>One thread accepts, one thread serves each connection. Connections that have not proved the key yet and
 * authenticated clients have separate budgets, so no number of strangers can take a client's slot: at most
 * {@link #MAX_HANDSHAKES} handshakes run at once, each must finish within {@link #HANDSHAKE_DEADLINE}, and when
 * the budget is full the oldest handshake makes room for the newest. A stranger therefore holds a slot for
 * seconds at most, and a real client, whose handshake takes milliseconds, always gets through. Every refused or
 * dropped connection is logged with its reason; the server carries on.
 *
 * <p>Thread-safe; {@link #close()} may be called from any thread.
 */
public final class ManagerServer implements AutoCloseable {

    /** Authenticated clients served at once; more are turned away, so a flood cannot exhaust the server's threads. */
    static final int MAX_CONNECTIONS = 256;
    /** Handshakes running at once, a budget apart from {@link #MAX_CONNECTIONS}. */
    static final int MAX_HANDSHAKES = 64;
    /** The whole handshake, however slowly its bytes trickle in. */
    static final Duration HANDSHAKE_DEADLINE = Duration.ofSeconds(5);

    private static final System.Logger LOG = System.getLogger(ManagerServer.class.getName());

    private final ServerSocket listener;
    /** TLS for connections from the network; null for a server on 127.0.0.1, which speaks plain TCP only. */
    private final ManagerTls.Server tls;
    private final byte[] key;
    private final PrintStream stream;
    private final ManagerStore store;
    private final ManagerLocks locks = new ManagerLocks();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong connections = new AtomicLong();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "garrison-manager-deadlines");
        thread.setDaemon(true);
        return thread;
    });
    /** Sessions in their handshake, oldest first; guarded by this server's monitor. */
    private final Deque<ManagerSession> handshaking = new ArrayDeque<>();
    /** Sessions past their handshake; guarded by this server's monitor. */
    private int serving;

    private ManagerServer(ServerSocket listener, byte[] key, PrintStream stream, long memoryQuota,
                          ManagerTls.Server tls) {
        this.listener = listener;
        this.tls = tls;
        this.key = key.clone();
        this.stream = stream;
        this.store = new ManagerStore(memoryQuota);
    }

    /**
     * Binds {@code host:port} ({@code port} 0 picks a free port) and starts serving, with the default memory quota.
     *
     * @param log where refused and dropped connections are reported, one line each (the CLI's stderr)
     */
    public static ManagerServer start(String host, int port, byte[] key, PrintStream log) throws IOException {
        return start(host, port, key, ManagerLimits.DEFAULT_MEMORY_QUOTA, log);
    }

    /**
     * Binds {@code host:port} ({@code port} 0 picks a free port) and starts serving.
     *
     * @param memoryQuota bytes the stored objects may take (as estimated); requests beyond it are refused
     * @param log where refused and dropped connections are reported, one line each; {@code null}: to the
     *            {@code System.Logger} named after this class
     */
    public static ManagerServer start(String host, int port, byte[] key, long memoryQuota, PrintStream log)
            throws IOException {
        ManagerKeys.check(key);
        HmacHandshake.warmUp();
        InetAddress address = InetAddress.getByName(host);
        ManagerTls.Server tls = ManagerTls.needed(address) || address.isAnyLocalAddress() ? ManagerTls.server() : null;
        ServerSocket listener = new ServerSocket(port, 50, address);
        ManagerServer server = new ManagerServer(listener, key, log, memoryQuota, tls);
        Thread acceptor = new Thread(server::acceptLoop, "garrison-manager-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        return server;
    }

    /**
     * Whether clients from the network must speak TLS to it: it listens elsewhere than on 127.0.0.1 or ::1.
     * Connections that come through 127.0.0.1 (to a server on every interface) stay plain TCP.
     */
    public boolean speaksTls() {
        return tls != null;
    }

    /** The address the server listens on. */
    public InetSocketAddress address() {
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    /** {@code listening on HOST:PORT}, the line scripts and {@link Manager} wait for (IPv6 hosts in brackets). */
    public String listeningLine() {
        String host = address().getAddress().getHostAddress();
        return "listening on " + (host.contains(":") ? "[" + host + "]" : host) + ":" + address().getPort();
    }

    /** Blocks until {@link #close()}. */
    public void awaitClose() throws InterruptedException {
        closed.await();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            Socket accepted;
            try {
                accepted = listener.accept();
            } catch (IOException e) {
                if (!listener.isClosed()) {
                    report(Level.WARNING, "accept failed: " + e.getMessage());
                }
                continue;
            }
            byte[] binding = new byte[0];
            Socket speaking = accepted;
            if (tls != null && ManagerTls.needed(accepted.getLocalAddress())) {
                try {
                    speaking = tls.over(accepted);
                    binding = tls.binding();
                } catch (IOException e) {
                    report(Level.WARNING, "TLS over a connection failed: " + e.getMessage());
                    closeQuietly(accepted);
                    continue;
                }
            }
            Socket socket = speaking;
            ManagerSession session = new ManagerSession(connections.incrementAndGet(), socket, this, binding);
            ManagerSession evicted = null;
            boolean full;
            synchronized (this) {
                full = serving >= MAX_CONNECTIONS;
                if (!full) {
                    if (handshaking.size() >= MAX_HANDSHAKES) {
                        evicted = handshaking.pollFirst();
                    }
                    handshaking.addLast(session);
                }
            }
            if (full) {
                report(Level.WARNING, "turned away " + session.peer() + ": " + MAX_CONNECTIONS + " clients are connected");
                closeQuietly(socket);
                continue;
            }
            if (evicted != null) {
                evicted.dropDuringHandshake("evicted by a newer connection: " + MAX_HANDSHAKES
                        + " handshakes were running");
            }
            open.add(socket);
            Thread thread = new Thread(() -> {
                try {
                    session.run();
                } finally {
                    open.remove(socket);
                }
            }, "garrison-manager-" + session.peer());
            thread.setDaemon(true);
            thread.start();
        }
    }

    ScheduledFuture<?> scheduleHandshakeDeadline(ManagerSession session) {
        return deadlines.schedule(() -> session.dropDuringHandshake("no complete handshake within "
                + HANDSHAKE_DEADLINE.toMillis() + " ms"), HANDSHAKE_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Moves {@code session} from the handshake budget to the clients' one; false if that one is full. */
    synchronized boolean admit(ManagerSession session) {
        handshaking.remove(session);
        if (serving >= MAX_CONNECTIONS) {
            return false;
        }
        serving++;
        return true;
    }

    /** Gives back the slot {@code session} held. */
    synchronized void ended(ManagerSession session, boolean wasServing) {
        handshaking.remove(session);
        if (wasServing) {
            serving--;
        }
    }

    /** Reports a refused or dropped connection: to the stream given at start, else to the logger. */
    void report(Level level, String message) {
        if (stream != null) {
            stream.println("garrison manager: " + message);
        } else {
            LOG.log(level, message);
        }
    }

    byte[] key() {
        return key;
    }

    ManagerStore store() {
        return store;
    }

    ManagerLocks locks() {
        return locks;
    }

    /** Stops listening and closes every connection. Idempotent. */
    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            report(Level.WARNING, "closing the listener: " + e.getMessage());
        }
        for (Socket socket : Set.copyOf(open)) {
            closeQuietly(socket);
        }
        deadlines.shutdownNow();
        closed.countDown();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway; nothing more to do for this one
        }
    }
}
