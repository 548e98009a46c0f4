package io.garrison.lessons;

import io.garrison.engine.AsyncResult;
import io.garrison.engine.PoolListener;
import io.garrison.engine.ProcessPool;
import io.garrison.engine.TaskFunction;
import io.garrison.shared.Manager;
import io.garrison.shared.ManagerClient;
import io.garrison.shared.ManagerKeys;
import io.garrison.shared.RemoteLock;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;

/**
 * A Manager process holds a shared list and dict; three worker processes connect to it over TCP, each appends
 * squares to the list and, holding the Manager's lock, notes in the dict which process did which number. Any
 * machine that knows the key could join the same way with {@code garrison manager client}.
 */
public final class ManagerLesson {

    /** Workers that connect to the Manager. */
    public static final int WORKERS = 3;

    /** The numbers the workers square into the shared list. */
    public static final List<Integer> INPUTS = IntStream.rangeClosed(1, 6).boxed().toList();

    /** The shared list's name. */
    public static final String LIST = "squares";

    /** The shared dict's name. */
    public static final String DICT = "done-by";

    /** The Manager lock the workers hold while they write the dict. */
    public static final String LOCK = "report";

    private static final Duration POLL = Duration.ofMillis(150);
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(2);
    private static final String LOOPBACK = "127.0.0.1";

    private ManagerLesson() {
    }

    /** The Manager's objects as the parent reads them. */
    public record Snapshot(List<Object> list, Map<String, Object> dict) {
    }

    /**
     * The Manager as a client would reach it.
     *
     * @param pid the Manager process's PID
     * @param host the address it listens on
     * @param port its port
     * @param keyFile the file holding the key
     * @param joinCommand what another machine runs to read the shared list
     */
    public record Server(long pid, String host, int port, Path keyFile, String joinCommand) {
    }

    /**
     * The run's end.
     *
     * @param server the Manager it used
     * @param shared the list and dict when every worker had finished
     * @param clientPids the processes that connected: the parent first, then the workers
     */
    public record Outcome(Server server, Snapshot shared, List<Long> clientPids) {
    }

    /**
     * How to run the lesson.
     *
     * @param pause how long each task waits before it writes, so a class sees the list grow
     * @param openToNetwork listen on every interface (0.0.0.0) so other machines can join, instead of 127.0.0.1
     * @param linger how long the Manager stays up after the workers finished, for clients from a terminal or
     *               another machine, while {@link Observer#keepServing()} says so
     */
    public record Settings(Duration pause, boolean openToNetwork, Duration linger) {
        /** Loopback only, and the Manager stops as soon as the workers are done. */
        public static Settings of(Duration pause) {
            return new Settings(pause, false, Duration.ZERO);
        }
    }

    /** Hears about the run while it goes, on the thread that called {@link #run}. */
    public interface Observer {
        /** The Manager listens; clients can join now. */
        void started(Server server);

        /** The shared objects, read every {@code POLL} while the workers run (and while it lingers). */
        void changed(Snapshot snapshot);

        /** The workers are done; the Manager stays up until {@code untilMs} unless {@link #keepServing()} ends it. */
        default void lingering(long untilMs) {
        }

        /** Asked while the Manager lingers: false stops it now. */
        default boolean keepServing() {
            return false;
        }
    }

    /**
     * Starts a Manager, lets three workers fill its list and dict, and stops it.
     *
     * @param workDir where the key file goes (only this user may read it; it is deleted when the Manager stops)
     */
    public static Outcome run(Path workDir, Settings settings, PoolListener listener, Observer observer)
            throws IOException, InterruptedException, TimeoutException {
        Path keyFile = writeKey(workDir);
        byte[] key = ManagerKeys.read(keyFile);
        String bind = settings.openToNetwork() ? "0.0.0.0" : LOOPBACK;
        try (Manager manager = Manager.start(bind, 0, key, ProcessBuilder.Redirect.INHERIT);
             ManagerClient client = manager.connect();
             ProcessPool pool = LessonPools.create(WORKERS, listener)) {
            int port = manager.address().getPort();
            // The command must work where it is typed: loopback only reaches this machine.
            String joinHost = settings.openToNetwork() ? thisHost() : LOOPBACK;
            Server server = new Server(manager.pid(), bind, port, keyFile, joinCommand(joinHost, port, keyFile));
            observer.started(server);
            String host = LOOPBACK;
            long pauseMs = settings.pause().toMillis();
            TaskFunction<Integer, Long> task = x -> appendInChild(host, port, key, x, pauseMs);
            List<AsyncResult<Long>> results = new ArrayList<>();
            for (int x : INPUTS) {
                results.add(pool.applyAsync(task, x));
            }
            waitWhileShowing(results, client, observer);
            List<Long> clients = new ArrayList<>(List.of(ProcessHandle.current().pid()));
            TreeSet<Long> workers = new TreeSet<>();
            for (AsyncResult<Long> result : results) {
                workers.add(result.get(0, TimeUnit.MILLISECONDS));
            }
            clients.addAll(workers);
            linger(settings.linger(), client, observer);
            Snapshot end = snapshot(client);
            observer.changed(end);
            return new Outcome(server, end, clients);
        } finally {
            Files.deleteIfExists(keyFile);
        }
    }

    private static void linger(Duration linger, ManagerClient client, Observer observer) throws InterruptedException {
        long untilMs = System.currentTimeMillis() + linger.toMillis();
        if (linger.isZero() || !observer.keepServing()) {
            return;
        }
        observer.lingering(untilMs);
        while (observer.keepServing() && System.currentTimeMillis() < untilMs) {
            observer.changed(snapshot(client));
            Thread.sleep(POLL.toMillis());
        }
    }

    private static void waitWhileShowing(List<AsyncResult<Long>> results, ManagerClient client, Observer observer)
            throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
        while (!results.stream().allMatch(AsyncResult::ready)) {
            if (System.nanoTime() - deadline > 0) {
                throw new TimeoutException("the workers did not finish in " + RUN_TIMEOUT.toSeconds() + " s");
            }
            observer.changed(snapshot(client));
            Thread.sleep(POLL.toMillis());
        }
    }

    /** What {@code garrison manager client} needs to read the list from another machine. */
    public static String joinCommand(String host, int port, Path keyFile) {
        return "garrison manager client --host " + host + " --port " + port + " --key-file " + keyFile
                + " list-get " + LIST;
    }

    private static Snapshot snapshot(ManagerClient client) {
        return new Snapshot(client.list(LIST).get(), client.dict(DICT).get());
    }

    /** A fresh random key, as text, in a file only this user can read. */
    private static Path writeKey(Path workDir) throws IOException {
        Files.createDirectories(workDir);
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        Path file = workDir.resolve("manager.key");
        Files.deleteIfExists(file);
        Files.createFile(file);
        file.toFile().setReadable(false, false);
        file.toFile().setReadable(true, true);
        Files.writeString(file, Base64.getEncoder().encodeToString(random) + "\n", StandardCharsets.US_ASCII);
        return file;
    }

    private static String thisHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "127.0.0.1";
        }
    }

    /** Runs inside a worker: connects, appends x², and under the lock notes its PID. */
    @SuppressWarnings("try") // the held lock is the point of its try block, not something to call
    private static long appendInChild(String host, int port, byte[] key, int x, long pauseMs)
            throws IOException, InterruptedException {
        long pid = ProcessHandle.current().pid();
        try (ManagerClient client = ManagerClient.connect(host, port, key)) {
            Thread.sleep(pauseMs);
            client.list(LIST).append(x * x);
            try (RemoteLock held = client.lock(LOCK)) {
                client.dict(DICT).put(Integer.toString(x), pid);
            }
        }
        return pid;
    }
}
