package io.garrison.stream;

import io.garrison.engine.WorkerId;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Serves a run's event stream to watchers on this machine ({@code garrison run --watch-port}; the protocol is in
 * docs/CLI.md, "Watching a run"). The run writes its {@code --json} lines to {@link #events()}; they are kept in an
 * {@link EventSpool}, and every watcher that sends the token gets them all from the start, then the live ones, then
 * the end line once the run called {@link #finish}. A watcher may ask for a worker to be killed.
 *
 * <p>Nothing a watcher does can slow the run: the run only appends to a file, and each watcher is served from that
 * file by a thread of its own, at the watcher's pace. Only {@link #finish} waits for watchers, and only for those
 * that keep reading.
 *
 * <p>Lifecycle: serving from {@link #start} (registered in the {@link WatchRegistry}, accepting connections),
 * finishing from {@link #finish} (unregistered, no new connections, the watchers get the rest), done when it
 * returns (the spool removed). Threads: {@code garrison-watch} accepts; each connection has
 * {@code garrison-watch-N}, which reads its token and commands, and, once accepted, {@code garrison-watch-N-send},
 * which writes to it. All are daemons.
 */
public final class WatchServer {

    /** What a server has to tell; called on its own threads, so an implementation must be thread-safe. */
    public interface Notices {
        /** A watcher took nothing for the stall time at the run's end and was cut off. */
        void watcherDropped();

        /** The file that keeps the events could not be written: watchers get no more, and no end line. */
        void eventsLost(IOException cause);
    }

    /** At most this many connections at once: each costs threads, and a watcher needs one. */
    static final int MAX_CONNECTIONS = 32;
    /** How long a connection may take to send its token. */
    static final Duration TOKEN_WAIT = Duration.ofSeconds(10);

    private final ServerSocket socket;
    private final EventSpool spool;
    private final String token;
    private final Consumer<WorkerId> killer;
    private final Notices notices;
    private final Thread acceptor;
    private final Object lock = new Object();
    /** The open connections; guarded by {@link #lock}. */
    private final List<WatchSession> sessions = new ArrayList<>();
    /** The entry in the registry; set once by {@link #start}, removed by {@link #finish}. */
    private WatchRegistry.Registration registration;
    /** Guarded by {@link #lock}. */
    private boolean finishing;
    /** Names the connection threads; guarded by {@link #lock}. */
    private int connections;

    private WatchServer(ServerSocket socket, EventSpool spool, Consumer<WorkerId> killer, Notices notices) {
        this.socket = socket;
        this.spool = spool;
        this.token = WatchProtocol.newToken();
        this.killer = killer;
        this.notices = notices;
        this.acceptor = new Thread(this::accept, "garrison-watch");
        acceptor.setDaemon(true);
    }

    /**
     * Listens on 127.0.0.1 and registers the run, ready before the run's first event.
     *
     * @param port     the port; 0 for any free one
     * @param list     the task list, as the run was given it, for the registry
     * @param kind     the task kind, for the registry
     * @param killer   kills a worker a watcher names (the pool's {@code killWorker}); called on a connection's thread
     * @param registry where the run is listed while it serves
     * @throws IOException if the port cannot be had or the registry cannot be written
     */
    public static WatchServer start(int port, String list, String kind, Consumer<WorkerId> killer,
                                    WatchRegistry registry, Notices notices) throws IOException {
        ServerSocket socket = new ServerSocket(port, 50, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}));
        EventSpool spool;
        try {
            spool = EventSpool.create(notices::eventsLost);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        WatchServer server = new WatchServer(socket, spool, killer, notices);
        try {
            server.registration = registry.register(new WatchedRun(ProcessHandle.current().pid(),
                    socket.getLocalPort(), server.token, list, kind, Instant.now(), spool.file()));
        } catch (IOException e) {
            socket.close();
            spool.delete();
            throw e;
        }
        server.acceptor.start();
        return server;
    }

    /** The port watchers connect to. */
    public int port() {
        return socket.getLocalPort();
    }

    /**
     * Where the run writes its {@code --json} lines, from one thread; a flush shows them to the watchers. It never
     * throws: a failure is told to {@link Notices#eventsLost} once.
     */
    public OutputStream events() {
        return spool.output();
    }

    /**
     * Ends the stream after what was written to {@link #events()}: the run leaves the registry, takes no new
     * watchers, and waits while its watchers take the rest; one that takes nothing for {@code stall} is cut off
     * ({@link Notices#watcherDropped}). Call it once, after the run's last event.
     */
    public void finish(Duration stall) throws InterruptedException {
        spool.end();
        registration.close();
        List<WatchSession> open;
        synchronized (lock) {
            finishing = true;
            open = List.copyOf(sessions);
        }
        try {
            socket.close();
        } catch (IOException e) {
            // closed either way
        }
        acceptor.join();
        long started = System.nanoTime();
        for (WatchSession session : open) {
            if (!session.isSending()) {
                session.cut();
                continue;
            }
            while (session.isSending()) {
                long idle = System.nanoTime() - Math.max(started, session.lastProgressNanos());
                long left = stall.toNanos() - idle;
                if (left <= 0) {
                    session.cut();
                    notices.watcherDropped();
                    break;
                }
                session.awaitSent(left);
            }
        }
        spool.delete();
    }

    private void accept() {
        while (true) {
            Socket connection;
            try {
                connection = socket.accept();
            } catch (IOException closedOrBroken) {
                // Closed by finish(), or failing (out of file descriptors): either way no new watchers, and a
                // failing accept must not spin beside the run.
                return;
            }
            WatchSession session;
            synchronized (lock) {
                if (finishing || sessions.size() >= MAX_CONNECTIONS) {
                    closeQuietly(connection);
                    continue;
                }
                session = new WatchSession(connection, ++connections, this);
                sessions.add(session);
            }
            session.startReading();
        }
    }

    /** Whether {@code given} is the run's token. */
    boolean acceptsToken(String given) {
        return WatchProtocol.sameToken(token, given);
    }

    /** Whether a watcher that sent the right token may still be served: not once the run has finished. */
    boolean mayServe() {
        synchronized (lock) {
            return !finishing;
        }
    }

    EventSpool spool() {
        return spool;
    }

    void kill(WorkerId worker) {
        killer.accept(worker);
    }

    /** A connection that closed leaves room for another. */
    void closed(WatchSession session) {
        synchronized (lock) {
            sessions.remove(session);
        }
    }

    static void closeQuietly(Socket connection) {
        try {
            connection.close();
        } catch (IOException e) {
            // closed either way
        }
    }
}
