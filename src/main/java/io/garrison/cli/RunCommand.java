package io.garrison.cli;

import io.garrison.engine.HaltPolicy;
import io.garrison.engine.HaltReason;
import io.garrison.engine.JobLog;
import io.garrison.engine.PoolEvent;
import io.garrison.engine.PoolListener;
import io.garrison.engine.PoolState;
import io.garrison.engine.ProcessPool;
import io.garrison.engine.RunSummary;
import io.garrison.engine.TaskRun;
import io.garrison.engine.WorkerHost;
import io.garrison.engine.WorkerId;
import io.garrison.task.DownloadNames;
import io.garrison.task.TaskKind;
import io.garrison.task.TaskKinds;
import io.garrison.task.TaskList;
import io.garrison.task.TaskListReader;
import io.garrison.task.TaskOptions;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Iterator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code garrison run}: a task list through a pool, headless. Thin: parsing and printing only. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false)
final class RunCommand implements Callable<Integer> {

    static final int ALL_SUCCEEDED = 0;
    static final int SOME_FAILED = 1;
    static final int UNUSABLE = 2;

    /** The shortest task timeout the pool honours, 1 ms, and the longest that is taken (about 31 years). */
    static final double MIN_TIMEOUT_SECONDS = 0.001;
    static final double MAX_TIMEOUT_SECONDS = 1e9;
    /** A percentage above this is a slip, not a timeout. */
    static final double MAX_TIMEOUT_PERCENT = 1e6;

    /** Checked from {@link #timeout} and {@link #delay}; null and 0 when not given. */
    private Durations.Duration taskTimeout;
    /** From -S, --sshloginfile and --launcher; null for workers on this machine only. */
    private List<WorkerHost> hosts;
    private double delaySeconds;

    @Parameters(index = "0", arity = "0..1", paramLabel = "LIST", descriptionKey = "run.list")
    String list;

    @Option(names = {"-p", "--pool"}, paramLabel = "N", descriptionKey = "run.pool")
    Integer pool;

    @Option(names = {"-k", "--kind"}, paramLabel = "KIND", defaultValue = "square",
            descriptionKey = "run.kind")
    String kind;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = ".",
            descriptionKey = "run.out")
    Path out;

    @Option(names = {"-c", "--command"}, paramLabel = "TMPL",
            descriptionKey = "run.command")
    String command;

    @Option(names = "--chunk-size", paramLabel = "N", descriptionKey = "run.chunkSize")
    Integer chunkSize;

    @Option(names = "--timeout", paramLabel = "SEC|N%", descriptionKey = "run.timeout")
    String timeout;

    @Option(names = "--delay", paramLabel = "SEC", descriptionKey = "run.delay")
    String delay;

    @Option(names = {"-0", "--null"}, descriptionKey = "run.null")
    boolean nullSeparated;

    @Option(names = "--retries", paramLabel = "N", defaultValue = "0", descriptionKey = "run.retries")
    int retries;

    @Option(names = "--max-tasks-per-worker", paramLabel = "N", defaultValue = "0", descriptionKey = "run.maxTasksPerWorker")
    int maxTasksPerWorker;

    @Option(names = "--halt", paramLabel = "WHEN", descriptionKey = "run.halt")
    String halt;

    @Option(names = "--joblog", paramLabel = "FILE", descriptionKey = "run.joblog")
    Path joblog;

    @Option(names = "--joblog-format", paramLabel = "FORMAT", descriptionKey = "run.joblogFormat")
    String joblogFormat;

    @Option(names = "--resume", descriptionKey = "run.resume")
    boolean resume;

    @Option(names = "--resume-failed", descriptionKey = "run.resumeFailed")
    boolean resumeFailed;

    @Option(names = "--retry-failed", descriptionKey = "run.retryFailed")
    boolean retryFailed;

    @Option(names = "--strict", descriptionKey = "run.strict")
    boolean strict;

    @Option(names = "--json", descriptionKey = "run.json")
    boolean json;

    @Option(names = "--watch-port", paramLabel = "PORT", descriptionKey = "run.watchPort")
    Integer watchPort;

    @Option(names = {"-S", "--sshlogin"}, paramLabel = "LOGIN", descriptionKey = "run.sshlogin")
    List<String> sshLogins;

    @Option(names = "--sshloginfile", paramLabel = "FILE", descriptionKey = "run.sshloginfile")
    Path sshLoginFile;

    @Option(names = "--ssh", paramLabel = "CMD", descriptionKey = "run.ssh")
    String ssh;

    @Option(names = "--launcher", paramLabel = "CMD", descriptionKey = "run.launcher")
    String launcher;

    @Option(names = "--max-per-host", paramLabel = "N", descriptionKey = "run.maxPerHost")
    Integer maxPerHost;

    @Option(names = "--user-agent", paramLabel = "UA", descriptionKey = "run.userAgent")
    String userAgent;

    // wget's long names and meanings (decision 0025); its -c and -N are not offered, as -c is --command here.
    @Option(names = "--no-clobber", descriptionKey = "run.noClobber")
    boolean noClobber;

    @Option(names = "--continue", descriptionKey = "run.continue")
    boolean continueParts;

    @Option(names = "--timestamping", descriptionKey = "run.timestamping")
    boolean timestamping;

    @Option(names = "--robots", descriptionKey = "run.robots")
    boolean robots;

    // -k stays --kind, which scripts use: parallel's -k is offered as --keep-order only (decision 0023).
    @Option(names = "--keep-order", descriptionKey = "run.keepOrder")
    boolean keepOrder;

    @Option(names = "--tag", descriptionKey = "run.tag")
    boolean tag;

    @Option(names = "--results", paramLabel = "DIR", descriptionKey = "run.results")
    Path results;

    /** What --keep-order, --tag and --results make of the output; set once the arguments are checked. */
    private OutputOptions outputs;
    /** The run served to watchers (--watch-port), once the pool started; null without the option. */
    private WatchPort watch;

    /** Whether some workers run elsewhere than on this machine, where their PIDs need a host to name them. */
    private boolean runsElsewhere() {
        return hosts != null && hosts.stream().anyMatch(host -> !host.name().equals(WorkerId.LOCAL));
    }

    @Override
    public Integer call() throws Exception {
        PrintStream err = System.err;
        TaskKind taskKind;
        TaskOptions options;
        HaltPolicy haltPolicy;
        JoblogSetup joblogSetup;
        try {
            joblogSetup = JoblogSetup.of(joblog, joblogFormat, resume, resumeFailed, retryFailed, list != null,
                    !kind.equals("square") || command != null);
            if (joblogSetup.retry()) {
                kind = "command";
                command = JoblogSetup.RETRY_TEMPLATE;
            }
            taskKind = TaskKinds.require(kind);
            options = options(taskKind);
            haltPolicy = halt == null ? HaltPolicy.NEVER : parseHalt(halt);
            checkNumbers();
            if (noClobber && runsElsewhere()) {
                // What to skip is seen in this machine's output folder; workers on other hosts save into theirs.
                throw new IllegalArgumentException(CliText.get("cli.run.noClobberElsewhere"));
            }
            outputs = OutputOptions.of(keepOrder, tag, results, json);
        } catch (IllegalArgumentException e) {
            err.println(CliText.get("cli.run.problem", e.getMessage()));
            return UNUSABLE;
        }
        // Plain output prints results only; the JSON events (on stdout or for watchers) and the job log name each
        // task's input.
        boolean jsonEvents = json || watchPort != null;
        HeldEvents early = new HeldEvents(jsonEvents, jsonEvents || joblog != null || outputs.needsInputs());
        ProcessPool processPool = startPool(taskKind, haltPolicy, early);
        InterruptHandler.install(processPool);
        Thread reaper = new Thread(processPool::terminate, "garrison-shutdown");
        try {
            Runtime.getRuntime().addShutdownHook(reaper);
        } catch (IllegalStateException shuttingDown) {
            // A signal (Ctrl-C, SIGTERM) came while the pool was starting, before its handler: nothing ran yet.
            processPool.terminate();
            return SOME_FAILED;
        }
        LoginFileWatcher loginFile = null;
        try {
            if (watchPort != null) {
                try {
                    watch = WatchPort.start(watchPort, list != null ? list : String.valueOf(joblog), kind, processPool,
                            kind.equals("download"), err);
                } catch (IllegalArgumentException e) {
                    err.println(CliText.get("cli.run.problem", e.getMessage()));
                    return UNUSABLE;
                }
            }
            loginFile = sshLoginFile == null ? null : LoginFileWatcher.start(sshLoginFile,
                    () -> HostLogins.of(sshLogins, sshLoginFile, ssh, launcher, pool), processPool, err);
            RunList source = joblogSetup.retry() ? null : openList(taskKind, options);
            if (source == null && !joblogSetup.retry()) {
                return UNUSABLE;
            }
            JoblogSetup.Ready ready = joblogSetup.open(source, new RerunCommandLines(kind, command, out),
                    runsElsewhere(), err);
            if (ready == null) {
                if (source != null) {
                    source.close();
                }
                return UNUSABLE;
            }
            return run(processPool, early, ready.tasks(), options, ready.skip(), ready.log());
        } finally {
            if (loginFile != null) {
                loginFile.close();
            }
            processPool.terminate();
            if (watch != null) {
                watch.finish(processPool);
            }
            removeShutdownHook(reaper);
        }
    }

    /** A hook can no longer be removed once the JVM shuts down (SIGTERM, a second Ctrl-C): it then runs anyway. */
    private static void removeShutdownHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook terminates the pool, as the finally block just did
        }
    }

    /** The reason of a failed file operation, without the file name the message around it already gives. */
    static String reason(Exception e) {
        Throwable cause = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : e;
        if (cause instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return String.valueOf(cause.getMessage());
    }

    /** The pool starts before the list is read, so its workers boot while the parent parses. */
    private ProcessPool startPool(TaskKind taskKind, HaltPolicy haltPolicy, HeldEvents early) {
        ProcessPool.Builder builder = ProcessPool.builder()
                .retries(retries)
                .maxTasksPerWorker(maxTasksPerWorker)
                .haltPolicy(haltPolicy)
                .taskTimeout(taskTimeout == null || taskTimeout.isPercentOfMedian() ? null
                        : Duration.ofNanos(Math.round(taskTimeout.seconds() * 1e9)))
                .taskTimeoutPercentOfMedian(taskTimeout != null && taskTimeout.isPercentOfMedian()
                        ? taskTimeout.percentOfMedian() : 0)
                .jvmOptions(WorkerFlags.forKind(taskKind.name()))
                .listener(early);
        if (pool != null) {
            builder.size(pool);
        }
        if (hosts != null) {
            builder.hosts(hosts);
        }
        if (maxPerHost != null) {
            builder.maxTasksPerHost(maxPerHost);
        }
        ProcessPool built = builder.build();
        if (delaySeconds > 0) {
            // parallel's --delay: one task started per delay at most, whichever worker is free.
            built.setPace(Duration.ofNanos(Math.round(delaySeconds * 1e9)));
        }
        return built;
    }

    /**
     * The list, ready to be read as the run needs it, or null (after saying why on stderr) when it cannot be
     * used. Under {@code --strict} every line is checked before anything runs, and a download's file name depends
     * on the whole list (decision 0025): a file is read once more for each, standard input (which cannot be read
     * twice) is held whole.
     */
    private RunList openList(TaskKind taskKind, TaskOptions options) {
        PrintStream err = System.err;
        boolean fromStdin = list.equals("-");
        boolean download = taskKind.name().equals("download");
        try {
            if ((strict || download) && fromStdin) {
                TaskList whole = open(taskKind, options, true).nextBlock(Integer.MAX_VALUE, Integer.MAX_VALUE);
                return !strict || strictlyValid(whole.problems().values().iterator()) ? RunList.whole(whole) : null;
            }
            if (strict && !strictlyValid(new ListProblems(open(taskKind, options, false)))) {
                return null;
            }
            if (download) {
                DownloadNames names;
                try (TaskListReader firstReading = open(taskKind, options, false)) {
                    names = DownloadNames.in(firstReading);
                }
                return RunList.streamed(open(taskKind, options, false), names);
            }
            return RunList.streamed(open(taskKind, options, fromStdin));
        } catch (NoSuchFileException e) {
            err.println(CliText.get("cli.run.noSuchList", list));
        } catch (IOException | UncheckedIOException e) {
            err.println(CliText.get("cli.run.cannotRead", list, reason(e)));
        }
        return null;
    }

    private TaskListReader open(TaskKind taskKind, TaskOptions options, boolean fromStdin) throws IOException {
        return new TaskListReader(taskKind, options, fromStdin ? System.in : Files.newInputStream(Path.of(list)),
                nullSeparated ? TaskListReader.Separator.NUL : TaskListReader.Separator.LINES);
    }

    /** Names every problem on stderr; true when there was none. */
    private static boolean strictlyValid(Iterator<String> problems) {
        int count = 0;
        while (problems.hasNext()) {
            System.err.println(CliText.get("cli.run.problem", problems.next()));
            count++;
        }
        if (count > 0) {
            System.err.println(CliText.get("cli.run.strictRejected", String.valueOf(count)));
        }
        return count == 0;
    }

    private int run(ProcessPool processPool, HeldEvents early, RunList source, TaskOptions options,
                    TaskRun.Skip skip, JobLog log) throws Exception {
        // Buffered: a million results must not cost a million writes; listeners flush when events pause.
        BufferedOutputStream stdout = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
        List<PoolListener> listeners = new ArrayList<>();
        boolean downloads = kind.equals("download");
        PoolListener output = json ? new JsonEventWriter(stdout, downloads)
                : outputs.plainOutput(stdout, System.err, kind.equals("command"));
        OutputGuard guard = new OutputGuard(output, () -> processPool.halt(new HaltReason("the output was closed"), true));
        // The bar first: at the end it finishes its line before the output's last words go to stderr.
        ProgressBar bar = Terminals.stderrIsTerminal() ? new ProgressBar(System.err, downloads) : null;
        if (bar != null) {
            listeners.add(bar);
        }
        listeners.add(guard);
        if (watch != null) {
            listeners.add(watch.listener());
        }
        if (log != null) {
            listeners.add(log);
        }
        outputs.addResultsWriter(listeners, processPool, System.err, kind.equals("command"));
        early.release(listeners);
        try {
            TaskRun taskRun;
            try {
                taskRun = source.start(processPool, kind, options, chunkSizeToUse(), outputs.watching(skip));
            } catch (IOException e) {
                System.err.println(CliText.get("cli.run.cannotRead", list, reason(e)));
                return UNUSABLE;
            } catch (IllegalStateException stoppedFirst) {
                // The reader went away, Ctrl-C came or the workers could not start while the pool was still
                // starting: nothing to run for. Only a closed output needs no word on stderr.
                if (guard.closed()) {
                    return SOME_FAILED;
                }
                if (processPool.state() != PoolState.RUNNING) {
                    System.err.println(CliText.get("cli.run.problem", stoppedFirst.getMessage()));
                    return SOME_FAILED;
                }
                throw stoppedFirst;
            }
            if (bar != null) {
                bar.follow(ProgressBar.Total.of(taskRun));
            }
            RunSummary summary = taskRun.await();
            processPool.close();
            processPool.join();
            if (taskRun.readError().isPresent()) {
                // The tasks read before the error ran and are in the joblog; the rest of the list never did.
                System.err.println(CliText.get("cli.run.cannotReadRest", list, reason(taskRun.readError().get()),
                        String.valueOf(summary.total())));
                return UNUSABLE;
            }
            return summary.allSucceeded() && !outputs.resultsLost() ? ALL_SUCCEEDED : SOME_FAILED;
        } finally {
            source.close();
            processPool.terminate();
            if (log != null) {
                log.close();
            }
            flushQuietly(stdout);
        }
    }

    /** A reader that went away (a closed pipe) has nothing more to receive; that is not an error of the run. */
    private static void flushQuietly(BufferedOutputStream stdout) {
        try {
            stdout.flush();
        } catch (IOException closed) {
            // nobody is reading
        }
    }

    /** The chunk size asked for; one task a message under --delay, which delays each task; else 0, the kind's. */
    private int chunkSizeToUse() {
        return chunkSize != null ? chunkSize : delaySeconds > 0 ? 1 : 0;
    }

    private TaskOptions options(TaskKind taskKind) {
        TaskOptions.Builder options = TaskOptions.builder().outputDir(out);
        if (taskKind.name().equals("command")) {
            if (command == null) {
                throw new IllegalArgumentException(CliText.get("cli.run.needsCommand"));
            }
            TemplateRefusals.check(command);
            options.commandTemplate(command);
        } else if (command != null) {
            throw new IllegalArgumentException(CliText.get("cli.run.commandOnlyForCommand"));
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException(CliText.get("cli.run.outputIsAFile", out));
        }
        if (userAgent != null) {
            options.userAgent(userAgent);
        }
        addRerunOptions(taskKind, options);
        if (robots) {
            if (!taskKind.name().equals("download")) {
                throw new IllegalArgumentException(CliText.get("cli.run.robotsOnlyForDownload"));
            }
            options.on(TaskOptions.ROBOTS);
        }
        return options.build();
    }

    /** --no-clobber, --continue and --timestamping: for downloads only, and, as in wget, not -nc with -N. */
    private void addRerunOptions(TaskKind taskKind, TaskOptions.Builder options) {
        if (!noClobber && !continueParts && !timestamping) {
            return;
        }
        if (!taskKind.name().equals("download")) {
            throw new IllegalArgumentException(CliText.get("cli.run.rerunOptionsOnlyForDownload"));
        }
        if (noClobber && timestamping) {
            throw new IllegalArgumentException(CliText.get("cli.run.noClobberWithTimestamping"));
        }
        if (noClobber) {
            options.on(TaskOptions.NO_CLOBBER);
        }
        if (continueParts) {
            options.on(TaskOptions.CONTINUE);
        }
        if (timestamping) {
            options.on(TaskOptions.TIMESTAMPING);
        }
    }

    private void checkNumbers() {
        if (pool != null && (pool < 1 || pool > 1024)) {
            throw new IllegalArgumentException(CliText.get("cli.run.poolRange", String.valueOf(pool)));
        }
        if (chunkSize != null && chunkSize < 1) {
            throw new IllegalArgumentException(CliText.get("cli.run.chunkSizeRange", String.valueOf(chunkSize)));
        }
        if (timeout != null) {
            try {
                taskTimeout = Durations.secondsOrPercent(timeout);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(CliText.get("cli.run.timeoutRange"));
            }
            // Refused rather than rounded: 0.0004 is more likely a slip than a wish for 1 ms, and the pool would
            // otherwise take it as no timeout at all. The top keeps the time in nanoseconds within a long.
            boolean inRange = taskTimeout.isPercentOfMedian()
                    ? taskTimeout.percentOfMedian() <= MAX_TIMEOUT_PERCENT
                    : taskTimeout.seconds() >= MIN_TIMEOUT_SECONDS && taskTimeout.seconds() <= MAX_TIMEOUT_SECONDS;
            if (!inRange) {
                throw new IllegalArgumentException(CliText.get("cli.run.timeoutRange"));
            }
        }
        hosts = HostLogins.of(sshLogins, sshLoginFile, ssh, launcher, pool);
        if (delay != null) {
            try {
                delaySeconds = Durations.seconds(delay);
            } catch (IllegalArgumentException e) {
                delaySeconds = -1;
            }
            if (!(delaySeconds >= 0 && delaySeconds <= MAX_TIMEOUT_SECONDS)) {
                throw new IllegalArgumentException(CliText.get("cli.run.delayRange", delay));
            }
        }
        if (watchPort != null && (watchPort < 0 || watchPort > 65535)) {
            throw new IllegalArgumentException(CliText.get("cli.watch.portRange", String.valueOf(watchPort)));
        }
        if (maxPerHost != null && maxPerHost < 0) {
            throw new IllegalArgumentException(CliText.get("cli.run.negativeCounts"));
        }
        if (retries < 0 || maxTasksPerWorker < 0) {
            throw new IllegalArgumentException(CliText.get("cli.run.negativeCounts"));
        }
    }

    static HaltPolicy parseHalt(String text) {
        String[] parts = text.split(",", 2);
        if (parts.length == 2 && parts[1].startsWith("fail=")) {
            try {
                int failures = Integer.parseInt(parts[1].substring("fail=".length()));
                if (failures > 0 && parts[0].equals("soon")) {
                    return HaltPolicy.soonAfter(failures);
                }
                if (failures > 0 && parts[0].equals("now")) {
                    return HaltPolicy.nowAfter(failures);
                }
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new IllegalArgumentException(CliText.get("cli.run.haltSyntax", text));
    }
}
