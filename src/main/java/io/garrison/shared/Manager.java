package io.garrison.shared;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A Manager server running in its own child JVM, like Python's {@code multiprocessing.Manager()}: it holds named
 * lists, dicts, values, arrays and locks that clients in any process (on this machine or, bound to another
 * address, on others) share through {@link ManagerClient}.
 *
 * <pre>{@code
 * try (Manager manager = Manager.start(ManagerKeys.of("secret"));
 *      ManagerClient client = manager.connect()) {
 *     client.list("fruits").append("apple");
 * }
 * }</pre>
 *
 * <p>The server exits when this handle closes, and also when this JVM dies in any way, because it ends when its
 * stdin (held by this JVM) closes. Thread-safe.
 */
public final class Manager implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final InetSocketAddress address;
    private final byte[] key;

    private Manager(Process process, InetSocketAddress address, byte[] key) {
        this.process = process;
        this.address = address;
        this.key = key;
    }

    /** Starts a server on 127.0.0.1 with a free port; its stderr (refused connections) goes to this stderr. */
    public static Manager start(byte[] key) throws IOException {
        return start("127.0.0.1", 0, key, ProcessBuilder.Redirect.INHERIT);
    }

    /**
     * Starts a server bound to {@code host:port} (port 0: a free one) and waits until it listens.
     *
     * @param serverLog where the server's stderr goes
     */
    public static Manager start(String host, int port, byte[] key, ProcessBuilder.Redirect serverLog) throws IOException {
        ManagerKeys.check(key);
        Process process = new ProcessBuilder(ChildJvm.command(ManagerServerMain.class.getName(),
                List.of("--host", host, "--port", Integer.toString(port))))
                .redirectError(serverLog)
                .start();
        try {
            OutputStream stdin = process.getOutputStream();
            stdin.write((Base64.getEncoder().encodeToString(key) + "\n").getBytes(StandardCharsets.US_ASCII));
            stdin.flush();
            // The client side's one-off set-up overlaps with the server's start instead of following it.
            HmacHandshake.warmUp();
            return new Manager(process, parseListeningLine(awaitFirstLine(process)), key.clone());
        } catch (IOException | RuntimeException e) {
            ChildJvm.stop(process, Duration.ZERO);
            throw e;
        }
    }

    private static String awaitFirstLine(Process process) throws IOException {
        BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> first = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                first.complete(stdout.readLine());
                // keep draining so a chatty server can never block on a full pipe
                while (stdout.readLine() != null) {
                    // discard
                }
            } catch (IOException e) {
                first.completeExceptionally(e);
            }
        }, "garrison-manager-stdout-" + process.pid());
        reader.setDaemon(true);
        reader.start();
        try {
            String line = first.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (line == null) {
                throw new IOException("the manager process ended before it listened (exit "
                        + process.waitFor() + "; see its stderr)");
            }
            return line;
        } catch (TimeoutException e) {
            throw new IOException("the manager did not listen within " + START_TIMEOUT.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            throw new IOException("reading the manager's first line failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the manager started", e);
        }
    }

    /** Parses {@code listening on HOST:PORT}; the host may be an IPv6 literal in brackets. */
    static InetSocketAddress parseListeningLine(String line) throws IOException {
        String prefix = "listening on ";
        int colon = line.lastIndexOf(':');
        if (!line.startsWith(prefix) || colon < prefix.length()) {
            throw new IOException("unexpected first line from the manager: " + line);
        }
        String host = line.substring(prefix.length(), colon).replace("[", "").replace("]", "");
        return InetSocketAddress.createUnresolved(host, Integer.parseInt(line.substring(colon + 1)));
    }

    /** The OS process ID of the server. */
    public long pid() {
        return process.pid();
    }

    /** The host and port the server listens on (unresolved: as the server printed them). */
    public InetSocketAddress address() {
        return address;
    }

    /** A new client connection to this server, with the key it was started with. */
    public ManagerClient connect() throws IOException {
        return ManagerClient.connect(address.getHostString(), address.getPort(), key);
    }

    /** Whether the server process still runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops the server: closes its stdin so it exits by itself, then makes sure, and reaps it. Idempotent. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // the pipe is already gone: the server is exiting or dead, which stop() below confirms
        }
        try {
            process.waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ChildJvm.stop(process, Duration.ofSeconds(1));
    }
}
