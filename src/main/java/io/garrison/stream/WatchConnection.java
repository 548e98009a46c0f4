package io.garrison.stream;

import io.garrison.engine.WorkerId;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A watcher's connection to a run that serves its events ({@code garrison run --watch-port}): the run's
 * {@code --json} lines from its first event on, exactly as the run would print them, then the live ones until the
 * run ends. Read them with {@link #nextLine()} on a background thread and hand each to a {@link JsonEventReader}.
 *
 * <p>Threading: {@link #nextLine()} on one thread at a time; {@link #kill} and {@link #close()} from any thread
 * ({@code close} ends a blocked {@code nextLine}, which then answers null).
 */
public final class WatchConnection implements Closeable {

    /** How long the run may take to answer the token. */
    private static final Duration ANSWER_WAIT = Duration.ofSeconds(10);

    private final WatchedRun run;
    private final Socket socket;
    private final BufferedReader lines;
    private final OutputStream commands;
    /** Whether the end line came; read and written by the reading thread only. */
    private boolean ended;
    private volatile boolean closed;

    private WatchConnection(WatchedRun run, Socket socket, BufferedReader lines, OutputStream commands) {
        this.run = run;
        this.socket = socket;
        this.lines = lines;
        this.commands = commands;
    }

    /**
     * Connects to the live run of this user on {@code port}, found in {@link WatchRegistry#forThisUser()}.
     *
     * @throws WatchException {@link WatchException.Failure#NO_SUCH_RUN} if none is listed there, or the others of
     *                        {@link #open(WatchedRun)}
     */
    public static WatchConnection open(int port) throws WatchException {
        return open(WatchRegistry.forThisUser(), port);
    }

    /** As {@link #open(int)}, with the run looked up in {@code registry}. */
    public static WatchConnection open(WatchRegistry registry, int port) throws WatchException {
        WatchedRun run = registry.byPort(port).orElseThrow(() -> new WatchException(WatchException.Failure.NO_SUCH_RUN,
                "no run of this user serves its events on port " + port + " (looked in " + registry.folder() + ")",
                null));
        return open(run);
    }

    /**
     * Connects to {@code run} on 127.0.0.1 and gives its token; returns once the run accepted it.
     *
     * @throws WatchException {@link WatchException.Failure#NO_SUCH_RUN} if nothing listens there any more,
     *                        {@link WatchException.Failure#REFUSED_TOKEN} if the run refused the token,
     *                        {@link WatchException.Failure#CONNECTION_LOST} if the connection ended without an answer
     */
    public static WatchConnection open(WatchedRun run) throws WatchException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), run.port()),
                    (int) ANSWER_WAIT.toMillis());
        } catch (ConnectException e) {
            closeQuietly(socket);
            throw new WatchException(WatchException.Failure.NO_SUCH_RUN, "nothing listens on port " + run.port()
                    + " any more: the run has ended", e);
        } catch (IOException e) {
            closeQuietly(socket);
            throw lost(run, e);
        }
        try {
            OutputStream out = socket.getOutputStream();
            out.write((run.token() + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            socket.setSoTimeout((int) ANSWER_WAIT.toMillis());
            InputStream in = socket.getInputStream();
            // The answer is read byte by byte, so that nothing of the stream behind it is taken before the reader.
            String answer = WatchProtocol.readLine(in, WatchProtocol.MAX_TOKEN_LINE);
            switch (WatchProtocol.answer(answer == null ? "" : answer)) {
                case ACCEPTED -> {
                    socket.setSoTimeout(0);
                    return new WatchConnection(run, socket,
                            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16), out);
                }
                case REFUSED -> throw new WatchException(WatchException.Failure.REFUSED_TOKEN,
                        "the run on port " + run.port() + " refused the token", null);
                default -> throw new WatchException(WatchException.Failure.CONNECTION_LOST,
                        "the run on port " + run.port() + " did not answer as a watched run does", null);
            }
        } catch (WatchException e) {
            closeQuietly(socket);
            throw e;
        } catch (IOException e) {
            closeQuietly(socket);
            throw lost(run, e);
        }
    }

    /** The run watched. */
    public WatchedRun run() {
        return run;
    }

    /**
     * The next {@code --json} line of the run (without its line end), waiting for it; null once the run has ended
     * and every line came, or once this connection was closed.
     *
     * @throws WatchException {@link WatchException.Failure#CONNECTION_LOST} if the connection ended before the run
     *                        did: the run died, or cut this watcher off for not reading
     */
    public String nextLine() throws WatchException {
        if (ended || closed) {
            return null;
        }
        String line;
        try {
            line = lines.readLine();
        } catch (IOException e) {
            if (closed) {
                return null;
            }
            throw lost(run, e);
        }
        if (line == null) {
            if (closed) {
                return null;
            }
            throw new WatchException(WatchException.Failure.CONNECTION_LOST,
                    "the connection to the run on port " + run.port() + " ended before the run did", null);
        }
        if (WatchProtocol.END.equals(line)) {
            ended = true;
            close();
            return null;
        }
        return line;
    }

    /**
     * Asks the run to kill one of its workers; the run answers with the stream: that worker's
     * {@code worker-exited} ({@code "expected":false}), and its task's retry if it has retries left. A worker the
     * run does not have is ignored.
     *
     * @throws WatchException {@link WatchException.Failure#CONNECTION_LOST} if the command cannot be sent
     */
    public void kill(WorkerId worker) throws WatchException {
        byte[] line = (WatchProtocol.killCommand(worker) + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (commands) {
            try {
                commands.write(line);
                commands.flush();
            } catch (IOException e) {
                throw lost(run, e);
            }
        }
    }

    /** Closes the connection; the run goes on. */
    @Override
    public void close() {
        closed = true;
        closeQuietly(socket);
    }

    private static WatchException lost(WatchedRun run, IOException cause) {
        return new WatchException(WatchException.Failure.CONNECTION_LOST,
                "the connection to the run on port " + run.port() + " was lost: " + cause.getMessage(), cause);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closed either way
        }
    }
}
