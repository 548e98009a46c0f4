package io.garrison.shared;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Manager's server, running in the current process: accepts TCP connections, authenticates each one with
 * the key, and serves the shared objects to it. {@code garrison manager serve} runs it in the foreground; the
 * {@link Manager} handle runs it in a child JVM through {@link ManagerServerMain}.
 *
 * <p>One thread accepts, one thread serves each connection. A refused key is logged and the server carries on.
 * Thread-safe; {@link #close()} may be called from any thread.
 */
public final class ManagerServer implements AutoCloseable {

    /** Connections served at once; more are turned away, so a flood cannot exhaust the server's threads. */
    static final int MAX_CONNECTIONS = 256;

    private final ServerSocket listener;
    private final byte[] key;
    private final PrintStream log;
    private final ManagerStore store = new ManagerStore();
    private final ManagerLocks locks = new ManagerLocks();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong connections = new AtomicLong();
    private final CountDownLatch closed = new CountDownLatch(1);

    private ManagerServer(ServerSocket listener, byte[] key, PrintStream log) {
        this.listener = listener;
        this.key = key.clone();
        this.log = log;
    }

    /**
     * Binds {@code host:port} ({@code port} 0 picks a free port) and starts serving.
     *
     * @param log where refused and dropped connections are reported (the server's stderr)
     */
    public static ManagerServer start(String host, int port, byte[] key, PrintStream log) throws IOException {
        ManagerKeys.check(key);
        HmacHandshake.warmUp();
        ServerSocket listener = new ServerSocket(port, 50, InetAddress.getByName(host));
        ManagerServer server = new ManagerServer(listener, key, log);
        Thread acceptor = new Thread(server::acceptLoop, "garrison-manager-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        return server;
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
            try {
                Socket socket = listener.accept();
                if (open.size() >= MAX_CONNECTIONS) {
                    log.println("garrison manager: turned away " + socket.getRemoteSocketAddress() + ": too many connections");
                    socket.close();
                    continue;
                }
                open.add(socket);
                ManagerSession session = new ManagerSession(connections.incrementAndGet(), socket, key, store, locks, log);
                Thread thread = new Thread(() -> {
                    try {
                        session.run();
                    } finally {
                        open.remove(socket);
                    }
                }, "garrison-manager-" + socket.getRemoteSocketAddress());
                thread.setDaemon(true);
                thread.start();
            } catch (IOException e) {
                if (!listener.isClosed()) {
                    log.println("garrison manager: accept failed: " + e.getMessage());
                }
            }
        }
    }

    /** Stops listening and closes every connection. Idempotent. */
    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            log.println("garrison manager: closing the listener: " + e.getMessage());
        }
        for (Socket socket : Set.copyOf(open)) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway; nothing more to do for this one
            }
        }
        closed.countDown();
    }
}
