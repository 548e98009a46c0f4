package io.garrison.testing;

import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A real OpenSSH server on 127.0.0.1, started by a test on a free port with throwaway host and user keys in a
 * folder of its own, so tests of workers on other hosts reach a real {@code sshd} and never the system's. CI runs
 * as root and installs {@code openssh-server}; without {@code /usr/sbin/sshd}, {@code ssh} or {@code ssh-keygen},
 * {@link #start} skips the test (an assumption). Not as root, the server can only log in its own user: where that
 * fails too, the test is skipped.
 *
 * <p>What a remote command sees when its ssh client is SIGKILLed (checked by {@code LoopbackSshdTest}): no signal
 * at all, neither SIGHUP (there is no tty to hang up) nor SIGTERM. Its {@code sshd} session process sees the
 * connection close and exits, closing the command's pipes: the command reads end-of-file on stdin and is
 * reparented away from {@code sshd}. A command that reads stdin (a Garrison worker) therefore leaves; one that
 * does not read it lives on. The local client of a session whose server dies ({@link #killWithSessions()})
 * exits with 255, ssh's own error status.
 *
 * <p>Session processes are found two ways, because an orphaned one no longer has {@code sshd} among its
 * ancestors: as descendants of the server, and by a variable that the server sets in every session's
 * environment ({@code SetEnv}), read from {@code /proc/PID/environ}.
 *
 * <p>Used from the test's thread; {@link #close()} may be called more than once.
 */
public final class LoopbackSshd implements AutoCloseable {

    /** The absolute path, as sshd re-executes itself for each connection and refuses to start otherwise. */
    public static final Path SSHD = Path.of("/usr/sbin/sshd");
    public static final String DEFAULT_ALIAS = "lab";

    private static final Path PRIVILEGE_SEPARATION_DIR = Path.of("/run/sshd");
    private static final String MARKER_VARIABLE = "GARRISON_LOOPBACK_SSHD";
    /** A free port found by binding port 0 can be taken before sshd binds it; another port is tried then. */
    private static final int START_ATTEMPTS = 3;
    /**
     * A login is CPU work (key exchange, signatures): seconds on a loaded two-core machine, far more while other
     * test suites share it.
     */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(10);
    /** Freezing passes before the kill: each pass stops the processes forked since the last one. */
    private static final int FREEZE_PASSES = 50;

    /** Replaced by {@link #restart()}. */
    private volatile Process daemon;
    private final String alias;
    private final int port;
    private final Path clientConfig;
    private final Path log;
    private final String marker;
    private final String hostBlock;

    private LoopbackSshd(Process daemon, String alias, int port, Path clientConfig, Path log, String marker,
            String hostBlock) {
        this.daemon = daemon;
        this.alias = alias;
        this.port = port;
        this.clientConfig = clientConfig;
        this.log = log;
        this.marker = marker;
        this.hostBlock = hostBlock;
    }

    /** A server reached as {@value #DEFAULT_ALIAS}, in a new folder under {@code parent}. */
    public static LoopbackSshd start(Path parent) throws IOException, InterruptedException {
        return start(parent, DEFAULT_ALIAS);
    }

    /**
     * Starts a server whose client configuration reaches it as {@code alias}, and returns once a real login
     * through that configuration works. Its files go to a new folder under {@code parent}, so several servers
     * can share one.
     */
    public static LoopbackSshd start(Path parent, String alias) throws IOException, InterruptedException {
        return start(parent, alias, null);
    }

    /**
     * A server reached as {@value #DEFAULT_ALIAS} whose sessions find no {@code java} on their PATH: a lab PC
     * with nothing installed but sshd. Their PATH is a folder of the few programs a session needs.
     */
    public static LoopbackSshd startWithoutJava(Path parent) throws IOException, InterruptedException {
        Path bin = Files.createDirectories(Files.createTempDirectory(parent, "bin-without-java-"));
        for (String program : List.of("sh", "bash", "dash", "tar", "mkdir", "mv", "rm", "touch", "test", "sed", "uname",
                "nproc", "getconf", "cat", "kill", "sleep", "env", "ls")) {
            for (String folder : List.of("/usr/bin", "/bin")) {
                Path found = Path.of(folder, program);
                if (Files.isExecutable(found) && !Files.exists(bin.resolve(program))) {
                    // A script rather than a link: JUnit warns of every link out of a temporary folder it deletes.
                    Files.writeString(bin.resolve(program), "#!/bin/sh\nexec " + found + " \"$@\"\n");
                    Files.setPosixFilePermissions(bin.resolve(program), PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
        }
        return start(parent, DEFAULT_ALIAS, bin);
    }

    private static LoopbackSshd start(Path parent, String alias, Path sessionPath) throws IOException,
            InterruptedException {
        assumeTrue(Files.isExecutable(SSHD), SSHD + " is not installed (Debian: openssh-server)");
        assumeTrue(Programs.onPath("ssh") && Programs.onPath("ssh-keygen"),
                "ssh and ssh-keygen are not installed (Debian: openssh-client)");
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root && !Files.isDirectory(PRIVILEGE_SEPARATION_DIR)) {
            // sshd as root refuses to start without its empty chroot for the unprivileged half of each session;
            // the Debian package creates it only when its service starts, which a container's policy may forbid.
            Files.createDirectories(PRIVILEGE_SEPARATION_DIR,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        }
        Path dir = Files.createTempDirectory(parent, "sshd-");
        Path hostKey = keyPair(dir.resolve("host_key"));
        Path userKey = keyPair(dir.resolve("user_key"));
        Path authorizedKeys = Files.copy(userKey.resolveSibling("user_key.pub"), dir.resolve("authorized_keys"));
        String hostPublicKey = Files.readString(hostKey.resolveSibling("host_key.pub"), StandardCharsets.US_ASCII).trim();
        String marker = UUID.randomUUID().toString();

        String failures = "";
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            int port = freePort();
            Path serverConfig = Files.writeString(dir.resolve("sshd_config"), String.join("\n",
                    "ListenAddress 127.0.0.1",
                    "Port " + port,
                    "HostKey " + quoted(hostKey),
                    "PidFile " + quoted(dir.resolve("sshd.pid")),
                    "AuthorizedKeysFile " + quoted(authorizedKeys),
                    "PasswordAuthentication no",
                    "KbdInteractiveAuthentication no",
                    "PubkeyAuthentication yes",
                    "PermitRootLogin prohibit-password",
                    // A temporary folder's modes are not what sshd wants of a home's .ssh.
                    "StrictModes no",
                    "UsePAM no",
                    "PrintMotd no",
                    "Banner none",
                    "SetEnv " + MARKER_VARIABLE + "=" + marker + (sessionPath == null ? "" : " PATH=" + sessionPath),
                    "Subsystem sftp internal-sftp",
                    "LogLevel ERROR",
                    ""));
            Path knownHosts = Files.writeString(dir.resolve("known_hosts"),
                    "[127.0.0.1]:" + port + "," + alias + " " + hostPublicKey + "\n");
            String hostBlock = String.join("\n",
                    "Host " + alias,
                    "    HostName 127.0.0.1",
                    "    Port " + port,
                    "    User " + System.getProperty("user.name"),
                    "    IdentityFile " + quoted(userKey),
                    "    IdentitiesOnly yes",
                    "    StrictHostKeyChecking yes",
                    "    UserKnownHostsFile " + quoted(knownHosts),
                    "    GlobalKnownHostsFile /dev/null",
                    "    BatchMode yes",
                    "");
            Path clientConfig = Files.writeString(dir.resolve("ssh_config"), hostBlock);
            Path log = dir.resolve("sshd-" + attempt + ".log");
            Process daemon = launch(serverConfig, log);
            LoopbackSshd sshd = new LoopbackSshd(daemon, alias, port, clientConfig, log, marker, hostBlock);
            Readiness readiness;
            try {
                readiness = sshd.awaitLogin();
            } catch (AssertionError timedOut) {
                sshd.close();
                throw new AssertionError(timedOut.getMessage() + "; " + sshd.diagnostics(), timedOut);
            }
            if (readiness == Readiness.LOGGED_IN) {
                return sshd;
            }
            sshd.close();
            failures += "\nattempt " + attempt + " on port " + port + ": " + sshd.diagnostics();
        }
        if (!root) {
            return abort("sshd does not serve its own user here (not root):" + failures);
        }
        throw new AssertionError("sshd did not start in " + START_ATTEMPTS + " attempts:" + failures);
    }

    /**
     * Writes one ssh_config that reaches every server in {@code servers} by its alias: a pool of several
     * "hosts" is given one configuration, as a user's ~/.ssh/config holds all their hosts.
     */
    public static Path clientConfig(Path file, List<LoopbackSshd> servers) throws IOException {
        return Files.writeString(file, servers.stream().map(s -> s.hostBlock).collect(Collectors.joining("\n")));
    }

    /**
     * The client configuration: {@code Host ALIAS} with this server's address, port, the current user, the
     * throwaway key only, the throwaway host key as the only one known, and batch mode (no prompt ever).
     * ControlMaster and ControlPath are left out, so each ssh makes its own connection.
     */
    public Path clientConfig() {
        return clientConfig;
    }

    public String alias() {
        return alias;
    }

    public int port() {
        return port;
    }

    /** {@code ssh -F CONFIG}: add the alias, {@code --} and the remote command. */
    public List<String> sshCommand() {
        return List.of("ssh", "-F", clientConfig.toString());
    }

    /** The listening sshd, the ancestor of every live session's processes. */
    public ProcessHandle daemon() {
        return daemon.toHandle();
    }

    /**
     * The live processes of this server's sessions: the descendants of the listening sshd (its per-connection
     * sshd processes and the commands they run), and session commands orphaned by a connection that closed
     * (found by the variable the server sets), with their descendants.
     */
    public List<ProcessHandle> sessionProcesses() {
        Map<Long, ProcessHandle> found = new LinkedHashMap<>();
        daemon.toHandle().descendants().forEach(p -> found.put(p.pid(), p));
        for (ProcessHandle marked : markedProcesses()) {
            found.put(marked.pid(), marked);
            marked.descendants().forEach(p -> found.put(p.pid(), p));
        }
        found.remove(daemon.pid());
        return found.values().stream().filter(p -> isRunning(p.pid())).collect(Collectors.toList());
    }

    /**
     * Kills the server and every process of its sessions at once, as a host that dies: the clients see their
     * connections drop. Each process is stopped before any is killed, so none can fork a child that escapes, and
     * a killed sshd's children are found before they are reparented. Returns once all are gone.
     */
    public void killWithSessions() {
        Set<Long> stopped = new LinkedHashSet<>();
        if (daemon.isAlive()) {
            signal("STOP", List.of(daemon.pid()));
            stopped.add(daemon.pid());
        }
        for (int pass = 0; pass < FREEZE_PASSES; pass++) {
            List<Long> fresh = sessionProcesses().stream().map(ProcessHandle::pid)
                    .filter(pid -> !stopped.contains(pid)).collect(Collectors.toList());
            if (fresh.isEmpty()) {
                break;
            }
            signal("STOP", fresh);
            stopped.addAll(fresh);
        }
        signal("KILL", new ArrayList<>(stopped));
        try {
            if (!daemon.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("sshd " + daemon.pid() + " outlived SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for sshd to exit", e);
        }
        Await.await("the processes of sshd's sessions to exit",
                () -> stopped.stream().noneMatch(LoopbackSshd::isRunning), EXIT_TIMEOUT);
    }

    private static Process launch(Path serverConfig, Path log) throws IOException {
        return new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", serverConfig.toString())
                .redirectInput(Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(Redirect.appendTo(log.toFile()))
                .redirectErrorStream(true)
                .start();
    }

    /**
     * Starts the server again, after {@link #killWithSessions()}, on the same port with the same keys: a host
     * that comes back after a reboot. Returns once a login works.
     */
    public void restart() throws IOException {
        if (daemon.isAlive()) {
            throw new IllegalStateException("sshd " + daemon.pid() + " is still running");
        }
        daemon = launch(log.resolveSibling("sshd_config"), log);
        if (awaitLogin() != Readiness.LOGGED_IN) {
            throw new AssertionError("sshd did not start again on port " + port + ": " + diagnostics());
        }
    }

    /** Kills the server and its sessions, as {@link #killWithSessions()} does. */
    @Override
    public void close() {
        killWithSessions();
    }

    private enum Readiness { LOGGED_IN, SERVER_EXITED }

    /** Tries real logins until one works or the server exits; fails (through {@link Await}) after the timeout. */
    private Readiness awaitLogin() {
        Path clientErrors = log.resolveSibling("ssh-ready.log");
        return Await.await("a login through " + clientConfig, () -> {
            if (!daemon.isAlive()) {
                return Optional.of(Readiness.SERVER_EXITED);
            }
            List<String> argv = new ArrayList<>(sshCommand());
            argv.addAll(List.of("-o", "ConnectTimeout=5", alias, "--", "true"));
            try {
                Process login = new ProcessBuilder(argv)
                        .redirectInput(Redirect.from(Path.of("/dev/null").toFile()))
                        .redirectOutput(Redirect.DISCARD)
                        .redirectError(Redirect.to(clientErrors.toFile()))
                        .start();
                if (!login.waitFor(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    login.destroyForcibly().waitFor();
                    return Optional.empty();
                }
                return login.exitValue() == 0 ? Optional.of(Readiness.LOGGED_IN) : Optional.empty();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for sshd", e);
            }
        }, READY_TIMEOUT);
    }

    private String diagnostics() {
        return "sshd said: " + readQuietly(log) + "; ssh said: " + readQuietly(log.resolveSibling("ssh-ready.log"));
    }

    private List<ProcessHandle> markedProcesses() {
        byte[] needle = (MARKER_VARIABLE + "=" + marker).getBytes(StandardCharsets.US_ASCII);
        List<ProcessHandle> marked = new ArrayList<>();
        try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path entry : proc) {
                byte[] environ;
                try {
                    environ = Files.readAllBytes(entry.resolve("environ"));
                } catch (IOException | SecurityException gone) {
                    continue; // exited meanwhile, or another user's
                }
                if (contains(environ, needle)) {
                    ProcessHandle.of(Long.parseLong(entry.getFileName().toString())).ifPresent(marked::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return marked;
    }

    /**
     * Whether {@code pid} exists and is no zombie: ProcessHandle counts a zombie as alive, and an orphaned
     * session process may never be reaped by the process that adopts it.
     */
    public static boolean isRunning(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.ISO_8859_1);
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException | RuntimeException gone) {
            return false;
        }
    }

    /**
     * Sends {@code signal} (a name such as {@code STOP}) to each of {@code pids}, quietly skipping those already
     * gone. Java signals only with SIGTERM and SIGKILL; the shell's built-in kill sends the rest.
     */
    public static void signal(String signal, List<Long> pids) {
        if (pids.isEmpty()) {
            return;
        }
        List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c", "kill -s " + signal + " -- \"$@\" 2>/dev/null",
                "sh"));
        pids.forEach(pid -> argv.add(Long.toString(pid)));
        try {
            Process kill = new ProcessBuilder(argv).redirectOutput(Redirect.DISCARD).redirectError(Redirect.DISCARD)
                    .start();
            if (!kill.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                kill.destroyForcibly();
                throw new AssertionError("kill -s " + signal + " did not finish");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while signalling sshd's processes", e);
        }
    }

    private static Path keyPair(Path privateKey) throws IOException, InterruptedException {
        Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "garrison-test",
                "-f", privateKey.toString())
                .redirectInput(Redirect.from(Path.of("/dev/null").toFile()))
                .redirectErrorStream(true).start();
        String said = new String(keygen.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (keygen.waitFor() != 0) {
            throw new IOException("ssh-keygen exited " + keygen.exitValue() + ": " + said);
        }
        return privateKey;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    private static String quoted(Path path) {
        return "\"" + path + "\"";
    }

    private static String readQuietly(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file).strip() : "(nothing)";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (i > 0 && haystack[i - 1] != 0) {
                continue; // a variable starts after a NUL
            }
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            if (i + needle.length == haystack.length || haystack[i + needle.length] == 0) {
                return true;
            }
        }
        return false;
    }
}
