package io.garrison.ui.main;

import io.garrison.engine.JobLog;
import io.garrison.engine.ProcessPool;
import io.garrison.engine.RunSummary;
import io.garrison.engine.TaskRun;
import io.garrison.task.TaskList;
import io.garrison.task.TaskOptions;
import io.garrison.ui.export.ResultsExporter;
import io.garrison.ui.i18n.I18n;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * One run of the loaded list through the pool: starts it, ends it when the engine says it finished, keeps its
 * joblog, exports its results. FX thread; files and the engine are touched on the background executor.
 */
final class RunSession {

    /** Runs this small have their results written in the log as one list, like the tutorial's print. */
    static final int RESULTS_IN_LOG = 50;

    private final Executor background;
    private final Executor fx;
    private final LongSupplier clock;
    private final MainSettings settings;
    private final MainModels models;
    private final ListSession lists;
    private final PoolSession pools;
    private final ObjectProperty<RunSummary> lastSummary = new SimpleObjectProperty<>(this, "lastSummary");
    private Consumer<RunSummary> onFinished = summary -> { };
    private TaskRun run;
    /** The latest run's joblog, kept for File > Export joblog until the next run starts or the app quits. */
    private final LatestTempFile jobLogFiles = LatestTempFile.inTempDirectory("garrison-joblog-", ".tsv");
    private JobLog jobLog;
    private Path jobLogFile;

    RunSession(Executor background, Executor fx, LongSupplier clock, MainSettings settings, MainModels models,
               ListSession lists, PoolSession pools) {
        this.background = background;
        this.fx = fx;
        this.clock = clock;
        this.settings = settings;
        this.models = models;
        this.lists = lists;
        this.pools = pools;
    }

    /** Runs the loaded list through the pool (a new one if the last was closed or terminated). */
    void start() {
        TaskList tasks = lists.list();
        if (tasks == null || models.phase() == MainViewModel.Phase.RUNNING
                || models.phase() == MainViewModel.Phase.LOADING) {
            return;
        }
        String kindName = settings.kindProperty().get();
        TaskOptions options = settings.options();
        int chunk = settings.chunkSizeProperty().get();
        ProcessPool current = pools.runningPool();
        Supplier<ProcessPool> make = current != null ? () -> current : pools.poolMaker();
        // The last run's outcomes are not this one's, even while its pool is still being made.
        run = null;
        models.board().resetForRun();
        models.parade().clearTray();
        models.timeline().reset();
        long startedMs = clock.getAsLong();
        models.throughput().reset(startedMs);
        lastSummary.set(null);
        models.problemProperty().set("");
        models.phaseProperty().set(MainViewModel.Phase.RUNNING);
        models.log().note(I18n.get("ui.log.runStarting", lists.listNameProperty().get(), tasks.size(), kindName));
        background.execute(() -> {
            try {
                ProcessPool target = make.get();
                Path logFile = jobLogFiles.next();
                JobLog joblog = JobLog.open(logFile);
                target.addListener(joblog);
                if ("download".equals(kindName) || "command".equals(kindName)) {
                    Files.createDirectories(options.outputDir());
                }
                fx.execute(() -> {
                    if (target != pools.pool()) {
                        pools.adopt(target);
                    }
                    jobLog = joblog;
                    jobLogFile = logFile;
                });
                TaskRun started = TaskRun.start(target, tasks, kindName, options, chunk, Set.of());
                fx.execute(() -> run = started);
            } catch (IOException | RuntimeException e) {
                fx.execute(() -> {
                    models.phaseProperty().set(MainViewModel.Phase.READY);
                    models.reportProblem(I18n.get("ui.problem.start", String.valueOf(e.getMessage())));
                });
            }
        });
    }

    /** Stops the run: nothing more is handed out, running tasks finish, the rest fail as not run. */
    void stop() {
        TaskRun stopping = run;
        if (stopping != null && models.phase() == MainViewModel.Phase.RUNNING) {
            background.execute(stopping::stopHandingOut);
        }
    }

    /** Ends the run the engine says finished: the summary, the results in the log, the joblog closed. */
    void finish(RunSummary summary) {
        if (models.phase() != MainViewModel.Phase.RUNNING) {
            return;
        }
        models.phaseProperty().set(MainViewModel.Phase.FINISHED);
        models.throughput().finish();
        lastSummary.set(summary);
        if (models.board().getTotal() <= RESULTS_IN_LOG) {
            // What Python's pool.map would print: the results in input order.
            models.log().note(I18n.get("ui.log.results", models.board().rows().stream()
                    .map(row -> row.getResult() == null ? "\u2716" : row.getResult())
                    .collect(Collectors.joining(", ", "[", "]"))));
        }
        JobLog closing = jobLog;
        ProcessPool owner = pools.pool();
        if (closing != null) {
            background.execute(() -> {
                if (owner != null) {
                    owner.removeListener(closing);
                }
                try {
                    closing.close();
                } catch (IOException | RuntimeException e) {
                    fx.execute(() -> models.problemProperty().set(I18n.get("ui.problem.joblog", e.getMessage())));
                }
            });
        }
        onFinished.accept(summary);
    }

    void exportCsv(Path file, boolean byteOrderMark) throws IOException {
        ResultsExporter.writeCsv(models.board().rows(), file, byteOrderMark);
        models.log().note(I18n.get("ui.log.exported", file));
    }

    void exportJson(Path file) throws IOException {
        ResultsExporter.writeJson(models.board().rows(), file);
        models.log().note(I18n.get("ui.log.exported", file));
    }

    /** Copies the run's joblog (GNU parallel style TSV). @throws IOException if no run wrote one yet */
    void exportJobLog(Path file) throws IOException {
        if (jobLogFile == null || Files.notExists(jobLogFile)) {
            throw new IOException(I18n.get("ui.problem.noJoblog"));
        }
        Files.copy(jobLogFile, file, StandardCopyOption.REPLACE_EXISTING);
        models.log().note(I18n.get("ui.log.exported", file));
    }

    /** The outcomes of the run under way so far, as the engine counts them; null before any run started. */
    RunSummary progress() {
        TaskRun current = run;
        return current == null ? null : current.progress();
    }

    ObjectProperty<RunSummary> lastSummaryProperty() {
        return lastSummary;
    }

    void setOnFinished(Consumer<RunSummary> handler) {
        onFinished = handler == null ? summary -> { } : handler;
    }
}
