package io.garrison.cli;

import io.garrison.engine.JobLog;
import io.garrison.engine.JoblogCommands;
import io.garrison.engine.JoblogFormat;
import io.garrison.engine.TaskRun;
import io.garrison.task.TaskList;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The joblog options of {@code garrison run} ({@code --joblog}, {@code --joblog-format}, {@code --resume},
 * {@code --resume-failed}, {@code --retry-failed}) turned into an open {@link JobLog} and the tasks a run is to
 * do with it; says on stderr why when it cannot. Decision 0022 gives the meanings. Main thread.
 */
final class JoblogSetup {

    /** How {@code --retry-failed} runs each command the joblog holds: through a shell, as parallel does. */
    static final String RETRY_TEMPLATE = "sh -c {}";

    /** What the run does: these tasks less the skipped ones, writing {@code log} (null without --joblog). */
    record Ready(JobLog log, RunList tasks, TaskRun.Skip skip) {
    }

    private final Path file;
    private final JoblogFormat format;
    private final boolean resume;
    private final boolean retry;

    private JoblogSetup(Path file, JoblogFormat format, boolean resume, boolean retry) {
        this.file = file;
        this.format = format;
        this.resume = resume;
        this.retry = retry;
    }

    /**
     * Checks that the options go together.
     *
     * @param listGiven    whether LIST was given
     * @param taskGiven    whether {@code -k} (other than the default) or {@code -c} was given
     * @throws IllegalArgumentException with the words to print, when they do not
     */
    static JoblogSetup of(Path file, String formatName, boolean resume, boolean resumeFailed, boolean retryFailed,
                          boolean listGiven, boolean taskGiven) {
        JoblogFormat format = formatName == null ? null : parseFormat(formatName);
        String needing = resume ? "--resume" : resumeFailed ? "--resume-failed" : retryFailed ? "--retry-failed"
                : format != null ? "--joblog-format" : null;
        if (file == null && needing != null) {
            throw new IllegalArgumentException(CliText.get("cli.run.needsJoblog", needing));
        }
        if (retryFailed && format == JoblogFormat.GARRISON) {
            throw new IllegalArgumentException(CliText.get("cli.run.retryNeedsParallelFormat", String.valueOf(file)));
        }
        if (retryFailed && (listGiven || taskGiven)) {
            throw new IllegalArgumentException(CliText.get("cli.run.retryTakesNoList"));
        }
        if (!retryFailed && !listGiven) {
            throw new IllegalArgumentException(CliText.get("cli.run.missingList"));
        }
        return new JoblogSetup(file, retryFailed ? JoblogFormat.PARALLEL : format, resume || resumeFailed,
                retryFailed);
    }

    private static JoblogFormat parseFormat(String name) {
        for (JoblogFormat format : JoblogFormat.values()) {
            if (format.name().toLowerCase(Locale.ROOT).equals(name)) {
                return format;
            }
        }
        throw new IllegalArgumentException(CliText.get("cli.run.joblogFormatUnknown", name));
    }

    /** Whether the tasks come from the joblog's failed commands rather than from LIST. */
    boolean retry() {
        return retry;
    }

    /**
     * Opens the joblog and chooses the tasks: {@code list} less those the joblog shows succeeded when resuming,
     * or the joblog's failed commands when retrying. Null after saying on {@code err} why the run cannot go on.
     *
     * @param list         the list to run, null when retrying
     * @param commandLines how rows in parallel's format name the list's tasks
     * @param hostColumn   whether a new joblog in Garrison's format names each task's host: the run has
     *                     workers elsewhere than on this machine
     */
    Ready open(RunList list, JoblogCommands commandLines, boolean hostColumn, PrintStream err) throws IOException {
        if (file == null) {
            return new Ready(null, list, TaskRun.Skip.NONE);
        }
        JobLog log;
        try {
            log = JobLog.open(file, format, hostColumn);
        } catch (JobLog.RefusedException e) {
            err.println(refusal(e));
            return null;
        } catch (IOException | UncheckedIOException e) {
            err.println(CliText.get("cli.run.cannotWriteJoblog", file, RunCommand.reason(e)));
            return null;
        }
        try {
            // Read under the run's lock, so no other run appends while the tasks are chosen.
            if (retry) {
                JobLog.Failed failed = log.failedCommands();
                JoblogWarnings.warn(failed.ignoredRows(), file, err, "cli.run.joblogRowNotRetried");
                List<JobLog.FailedCommand> commands = failed.commands();
                log.commands(new RetriedCommands(commands));
                // Each under its Seq, which is its line in the list it came from: failures then name that line.
                TaskList retried = TaskList.onLines(commands.stream().map(JobLog.FailedCommand::command).toList(),
                        commands.stream().mapToInt(JobLog.FailedCommand::seq).toArray());
                return new Ready(log, RunList.whole(retried), TaskRun.Skip.NONE);
            }
            log.commands(commandLines);
            return new Ready(log, list, resume ? skipSucceeded(log, err) : TaskRun.Skip.NONE);
        } catch (IOException | UncheckedIOException e) {
            err.println(CliText.get("cli.run.cannotReadJoblog", file, RunCommand.reason(e)));
            log.close();
            return null;
        }
    }

    /** The tasks the joblog shows succeeded, checked as a streamed list is read, after warning of ignored rows. */
    private TaskRun.Skip skipSucceeded(JobLog log, PrintStream err) throws IOException {
        JobLog.Resumption resumption = log.resumption();
        JoblogWarnings.warn(resumption.ignoredRows(), file, err, "cli.run.joblogRowIgnored");
        return new TaskRun.Skip() {
            @Override
            public boolean skips(int index, int line, String input) {
                return resumption.succeeded(line, input);
            }
        };
    }

    private String refusal(JobLog.RefusedException e) {
        String name = String.valueOf(file);
        return switch (e.refusal()) {
            case IN_USE -> CliText.get("cli.run.joblogInUse", name);
            case NOT_A_JOBLOG -> CliText.get("cli.run.notAJoblog", name);
            case OTHER_FORMAT -> retry ? CliText.get("cli.run.problem", CliText.get("cli.run.retryNeedsParallelFormat", name))
                    : CliText.get("cli.run.joblogOtherFormat", name, e.found().name().toLowerCase(Locale.ROOT));
        };
    }

    /** Rows of retried commands keep the Seq and the Command their failed rows had, as parallel's do. */
    private record RetriedCommands(List<JobLog.FailedCommand> commands) implements JoblogCommands {

        @Override
        public int seq(int task, int line) {
            return commands.get(task).seq();
        }

        @Override
        public String commandLine(int task, String input) {
            return commands.get(task).command();
        }
    }
}
