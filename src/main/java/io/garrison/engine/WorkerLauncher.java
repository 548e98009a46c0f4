package io.garrison.engine;

import io.garrison.protocol.MessageType;
import io.garrison.task.OwnPid;
import io.garrison.task.ShellWords;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the command line of a worker: the running app's own Java runtime and class path (so an installed
 * app image never needs a system Java) and lean flags, because a worker's start-up is on the critical path
 * of every run.
 */
final class WorkerLauncher {

    static final String WORKER_MAIN = "io.garrison.worker.WorkerMain";
    /**
     * Random per parent process, ASCII, so no text a JVM prints before main can contain it by accident. Not
     * SecureRandom: it guards against accidents, not adversaries, and initialising the security providers
     * cost the parent about 20 ms of its start-up. The PID not from ProcessHandle, whose first use spins
     * lambdas and a thread pool (about 15 ms) before the first worker could be spawned.
     */
    static final String MARKER = "garrison-" + Long.toHexString(OwnPid.get()) + "-"
            + Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong() ^ System.nanoTime()) + ":";
    /** Extra worker JVM options for every pool of this process, e.g. {@code -Dgarrison.worker.options=-Xmx256m}. */
    public static final String OPTIONS_PROPERTY = "garrison.worker.options";

    /** The status ssh ends with when it fails itself: the connection could not be made or was lost. */
    static final int SSH_FAILED = 255;

    private static final List<String> PROXY_SETTINGS = List.of("http.proxyHost", "http.proxyPort",
            "http.nonProxyHosts", "https.proxyHost", "https.proxyPort", "https.nonProxyHosts", "ftp.proxyHost",
            "ftp.proxyPort", "ftp.nonProxyHosts", "socks.proxyHost", "socks.proxyPort", "socks.nonProxyHosts");

    /** Workers run the parent's Java, so its version says whether they may use vfork without a warning. */
    private static final int LAST_JDK_WITH_QUIET_VFORK = 21;

    private final List<String> command;
    /** The worker's JVM flags, without the ones that name files of this machine: for workers on other hosts. */
    private final List<String> portableFlags;
    /** Read once, so that every worker of a pool and the pool's pings agree on it. */
    private final long remoteHeartbeatMillis = RemoteHeartbeat.limitMillis();

    /**
     * @param niceness   how much lower the workers' CPU priority is than the parent's (Unix only; 0: the same)
     * @param background workers run under SCHED_IDLE where Linux's {@code chrt} can set it, else at nice 19
     */
    WorkerLauncher(List<String> extraJvmOptions, int niceness, boolean background) {
        Path java = javaExecutable();
        List<String> chosen = new ArrayList<>(extraJvmOptions);
        String fromProperty = System.getProperty(OPTIONS_PROPERTY, "").strip();
        if (!fromProperty.isEmpty()) {
            chosen.addAll(List.of(fromProperty.split("\\s+")));
        }
        List<String> flags = new ArrayList<>();
        // Serial GC and no perf-data file: a worker is one thread doing one task, and each file or GC thread
        // costs start-up time multiplied by the pool size. Running out of memory is a death the pool handles.
        // A collector the caller chose wins (the JVM refuses two).
        if (!choosesCollector(chosen)) {
            flags.add("-XX:+UseSerialGC");
        }
        flags.add("-XX:-UsePerfData");
        flags.add("-XX:+ExitOnOutOfMemoryError");
        flags.add("-Xshare:auto");
        // The quick compiler normally compiles every method called 200 times, most of them start-up code a
        // worker never runs again: with 2,000 it compiles far fewer while a pool starts, and a task's hot code
        // still gets there within microseconds (loops are compiled by their own counters, left as they are).
        flags.add("-XX:Tier3InvocationThreshold=2000");
        flags.add("-XX:Tier3MinInvocationThreshold=1000");
        flags.add("-XX:Tier3CompileThreshold=5000");
        // HotSpot prints its own warnings on stdout by default, where they would corrupt the protocol.
        flags.add("-XX:+DisplayVMOutputToStderr");
        flags.add("-Xlog:disable");
        flags.add("-Xlog:all=warning:stderr");
        flags.add("-Dfile.encoding=UTF-8");
        flags.add("-Djava.awt.headless=true");
        if (System.getProperty("os.name").equals("Linux") && Runtime.version().feature() <= LAST_JDK_WITH_QUIET_VFORK) {
            // vfork skips the helper program posix_spawn execs first: about 1.9 ms per command instead of 2.8.
            // Later JDKs print a deprecation warning for it in every worker that starts a program.
            flags.add("-Djdk.lang.Process.launchMechanism=VFORK");
        }
        flags.addAll(inheritedNetworkSettings());
        flags.addAll(chosen);
        String classPath = WorkerClassPath.forThisProcess();
        List<String> argv = new ArrayList<>();
        List<String> idle = background ? IdleScheduling.prefix() : List.of();
        int lowered = background && idle.isEmpty() ? 19 : niceness;
        Path nice = idle.isEmpty() && lowered > 0 ? niceExecutable() : null;
        // chrt and nice exec the JVM in place: the worker keeps the PID the pool knows, and /proc/PID/exe is java.
        argv.addAll(idle);
        if (nice != null) {
            argv.addAll(List.of(nice.toString(), "-n", Integer.toString(lowered)));
        }
        argv.add(java.toString());
        argv.addAll(flags);
        argv.add("-D" + MessageType.MARKER_PROPERTY + "=" + MARKER);
        argv.addAll(WorkerClassArchive.options(java, flags, classPath));
        argv.add("-cp");
        argv.add(classPath);
        argv.add(WORKER_MAIN);
        this.command = List.copyOf(argv);
        this.portableFlags = List.copyOf(flags);
    }

    private static boolean choosesCollector(List<String> options) {
        for (String option : options) {
            if (option.startsWith("-XX:+Use") && option.endsWith("GC")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Trust store and proxy settings given to the parent (by a launcher's Java options, say) apply to the
     * downloads its workers make too.
     */
    static List<String> inheritedNetworkSettings() {
        List<String> settings = new ArrayList<>();
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith("javax.net.ssl.") || PROXY_SETTINGS.contains(name)
                    || name.equals("java.net.useSystemProxies") || name.startsWith("socksProxy")) {
                settings.add("-D" + name + "=" + System.getProperty(name));
            }
        }
        settings.sort(null);
        return settings;
    }

    List<String> command() {
        return command;
    }

    /** How long a worker on another host may hear nothing from the pool before it leaves. */
    long remoteHeartbeatMillis() {
        return remoteHeartbeatMillis;
    }

    /**
     * Starts a worker on {@code host}: this machine's command, behind a launcher's words, or on another host
     * through ssh, where its runtime is {@code runtime} and the remote shell reads one quoted line.
     */
    Process start(WorkerHost host, RemoteInstall runtime) throws IOException {
        return new ProcessBuilder(commandOn(host, runtime)).start();
    }

    List<String> commandOn(WorkerHost host, RemoteInstall runtime) {
        if (!host.remote()) {
            List<String> argv = new ArrayList<>(host.prefix());
            argv.addAll(command);
            return argv;
        }
        // Not exec: the shell stays to pass on how the worker ended, a signal's death as 128 + N, which ssh
        // itself cannot (it says 255 for a remote signal and for a lost connection alike). A worker's own 255
        // becomes 254, so that 255 means only that ssh failed: the host or the link was lost.
        StringBuilder line = new StringBuilder("cd \"").append(runtime.folder()).append("\" && ")
                .append(runtime.java().equals("java") ? "java" : "\"" + runtime.java() + "\"");
        for (String flag : portableFlags) {
            line.append(' ').append(ShellWords.quote(flag));
        }
        line.append(' ').append(ShellWords.quote("-D" + MessageType.MARKER_PROPERTY + "=" + MARKER));
        // A partition may never close its stdin: it leaves when the pool's pings stop instead (RemoteHeartbeat).
        line.append(' ').append(ShellWords.quote("-D" + MessageType.HEARTBEAT_PROPERTY + "=" + remoteHeartbeatMillis));
        line.append(" -cp ").append(ShellWords.quote(runtime.classPath())).append(' ').append(WORKER_MAIN);
        line.append("; s=$?; [ $s -eq ").append(SSH_FAILED).append(" ] && s=").append(SSH_FAILED - 1).append("; exit $s");
        List<String> argv = new ArrayList<>(host.prefix());
        argv.add(line.toString());
        return argv;
    }

    private static Path niceExecutable() {
        for (String candidate : new String[] {"/usr/bin/nice", "/bin/nice"}) {
            Path nice = Path.of(candidate);
            if (Files.isExecutable(nice)) {
                return nice;
            }
        }
        return null;
    }

    static Path javaExecutable() {
        Path home = Path.of(System.getProperty("java.home"));
        Path java = home.resolve("bin").resolve(System.getProperty("os.name").startsWith("Windows") ? "java.exe" : "java");
        if (Files.isExecutable(java)) {
            return java;
        }
        return ProcessHandle.current().info().command().map(Path::of)
                .orElseThrow(() -> new IllegalStateException("no java executable found under " + home));
    }
}
