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
import io.garrison.task.TaskKind;
import io.garrison.task.TaskKinds;
import io.garrison.task.TaskList;
import io.garrison.task.TaskListParser;
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
import java.util.Set;
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

    @Parameters(index = "0", paramLabel = "LIST", descriptionKey = "run.list")
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

    @Option(names = "--timeout", paramLabel = "SEC", descriptionKey = "run.timeout")
    Double timeoutSeconds;

    @Option(names = "--retries", paramLabel = "N", defaultValue = "0", descriptionKey = "run.retries")
    int retries;

    @Option(names = "--max-tasks-per-worker", paramLabel = "N", defaultValue = "0", descriptionKey = "run.maxTasksPerWorker")
    int maxTasksPerWorker;

    @Option(names = "--halt", paramLabel = "WHEN", descriptionKey = "run.halt")
    String halt;

    @Option(names = "--joblog", paramLabel = "FILE", descriptionKey = "run.joblog")
    Path joblog;

    @Option(names = "--resume", descriptionKey = "run.resume")
    boolean resume;

    @Option(names = "--strict", descriptionKey = "run.strict")
    boolean strict;

    @Option(names = "--json", descriptionKey = "run.json")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintStream err = System.err;
        TaskKind taskKind;
        TaskOptions options;
        HaltPolicy haltPolicy;
        try {
            taskKind = TaskKinds.require(kind);
            options = options(taskKind);
            haltPolicy = halt == null ? HaltPolicy.NEVER : parseHalt(halt);
            checkNumbers();
        } catch (IllegalArgumentException e) {
            err.println(CliText.get("cli.run.problem", e.getMessage()));
            return UNUSABLE;
        }
        if (resume && joblog == null) {
            err.println(CliText.get("cli.run.resumeNeedsJoblog"));
            return UNUSABLE;
        }
        // Plain output prints results only; the JSON events and the job log name each task's input.
        HeldEvents early = new HeldEvents(json, json || joblog != null);
        ProcessPool processPool = startPool(taskKind, haltPolicy, early);
        InterruptHandler.install(processPool);
        Thread reaper = new Thread(processPool::terminate, "garrison-shutdown");
        Runtime.getRuntime().addShutdownHook(reaper);
        try {
            TaskList tasks = readList(taskKind, options);
            if (tasks == null) {
                return UNUSABLE;
            }
            JobLog log;
            try {
                log = joblog == null ? null : JobLog.open(joblog);
            } catch (JobLog.RefusedException e) {
                err.println(CliText.get(e.refusal() == JobLog.Refusal.IN_USE ? "cli.run.joblogInUse"
                        : "cli.run.notAJoblog", String.valueOf(joblog)));
                return UNUSABLE;
            } catch (IOException | UncheckedIOException e) {
                err.println(CliText.get("cli.run.cannotWriteJoblog", joblog, reason(e)));
                return UNUSABLE;
            }
            Set<Integer> skip;
            try {
                // Read under the run's lock, so no other run appends while the skipped tasks are chosen.
                skip = resume ? JoblogWarnings.skip(log.succeededTasks(tasks), joblog, err) : Set.of();
            } catch (IOException | UncheckedIOException e) {
                err.println(CliText.get("cli.run.cannotReadJoblog", joblog, reason(e)));
                log.close();
                return UNUSABLE;
            }
            return run(processPool, early, tasks, options, skip, log);
        } finally {
            processPool.terminate();
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
    private static String reason(Exception e) {
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
                .taskTimeout(timeoutSeconds == null ? null : Duration.ofNanos(Math.round(timeoutSeconds * 1e9)))
                .jvmOptions(WorkerFlags.forKind(taskKind.name()))
                .listener(early);
        if (pool != null) {
            builder.size(pool);
        }
        return builder.build();
    }

    /** The parsed list, or null (after saying why on stderr) when it cannot be used. */
    private TaskList readList(TaskKind taskKind, TaskOptions options) {
        PrintStream err = System.err;
        TaskList tasks;
        try {
            TaskListParser parser = new TaskListParser(taskKind, options);
            tasks = list.equals("-") ? parser.parse(System.in) : parser.parse(Path.of(list));
        } catch (NoSuchFileException e) {
            err.println(CliText.get("cli.run.noSuchList", list));
            return null;
        } catch (IOException e) {
            err.println(CliText.get("cli.run.cannotRead", list, e.getMessage()));
            return null;
        }
        if (strict && !tasks.problems().isEmpty()) {
            tasks.problems().values().forEach(problem -> err.println(CliText.get("cli.run.problem", problem)));
            err.println(CliText.get("cli.run.strictRejected", String.valueOf(tasks.problems().size())));
            return null;
        }
        return tasks;
    }

    private int run(ProcessPool processPool, HeldEvents early, TaskList tasks, TaskOptions options, Set<Integer> skip,
                    JobLog log) throws Exception {
        // Buffered: a million results must not cost a million writes; listeners flush when events pause.
        BufferedOutputStream stdout = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
        List<PoolListener> listeners = new ArrayList<>();
        PoolListener output = json ? new JsonEventWriter(stdout)
                : new PlainOutput(stdout, System.err, kind.equals("command"));
        OutputGuard guard = new OutputGuard(output, () -> processPool.halt(new HaltReason("the output was closed"), true));
        // The bar first: at the end it finishes its line before the output's last words go to stderr.
        if (Terminals.stderrIsTerminal()) {
            listeners.add(new ProgressBar(System.err, tasks.size()));
        }
        listeners.add(guard);
        if (log != null) {
            listeners.add(log);
        }
        early.release(listeners);
        try {
            TaskRun taskRun;
            try {
                taskRun = TaskRun.start(processPool, tasks, kind, options, chunkSize == null ? 0 : chunkSize, skip);
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
            RunSummary summary = taskRun.await();
            processPool.close();
            processPool.join();
            return summary.allSucceeded() ? ALL_SUCCEEDED : SOME_FAILED;
        } finally {
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
        return options.build();
    }

    private void checkNumbers() {
        if (pool != null && (pool < 1 || pool > 1024)) {
            throw new IllegalArgumentException(CliText.get("cli.run.poolRange", String.valueOf(pool)));
        }
        if (chunkSize != null && chunkSize < 1) {
            throw new IllegalArgumentException(CliText.get("cli.run.chunkSizeRange", String.valueOf(chunkSize)));
        }
        // Refused rather than rounded: 0.0004 is more likely a slip than a wish for 1 ms, and the pool would
        // otherwise take it as no timeout at all. The top keeps the time in nanoseconds within a long.
        if (timeoutSeconds != null && !(timeoutSeconds >= MIN_TIMEOUT_SECONDS && timeoutSeconds <= MAX_TIMEOUT_SECONDS)) {
            throw new IllegalArgumentException(CliText.get("cli.run.timeoutRange"));
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
