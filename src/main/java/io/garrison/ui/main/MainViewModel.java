package io.garrison.ui.main;

import io.garrison.engine.JobLog;
import io.garrison.engine.PoolEvent;
import io.garrison.engine.PoolState;
import io.garrison.engine.ProcessPool;
import io.garrison.engine.RunSummary;
import io.garrison.engine.TaskRun;
import io.garrison.task.TaskList;
import io.garrison.task.TaskOptions;
import io.garrison.ui.event.FrameEventPump;
import io.garrison.ui.export.ResultsExporter;
import io.garrison.ui.i18n.I18n;
import io.garrison.ui.log.EventLogModel;
import io.garrison.ui.parade.ParadeModel;
import io.garrison.ui.parade.Soldier;
import io.garrison.ui.parade.SoldierState;
import io.garrison.ui.stats.ThroughputModel;
import io.garrison.ui.tasks.TaskBoard;
import io.garrison.ui.tasks.TaskRow;
import io.garrison.ui.timeline.TimelineModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The main window's view model: the settings of the toolbar, the loaded list, the pool and the run, and the
 * models the views draw (task board, parade ground, timeline, throughput, event log).
 *
 * <p>Threading: every public method and property belongs to the FX thread. Engine calls that may block
 * (starting workers, terminate, reading a big list) run on {@code background}; their results come back
 * through {@code fx}. Engine events arrive through the one {@link FrameEventPump}, drained once per frame.
 * Tests pass executors that run at once and drive {@link #apply} and {@link #frame} themselves.
 */
public final class MainViewModel {

    /** Where the window stands. */
    public enum Phase { EMPTY, LOADING, READY, RUNNING, FINISHED }

    public static final int MIN_POOL = 1;
    public static final int MAX_POOL = 64;
    /** Retries of a task whose worker died; lets the class see a killed soldier's task done by another. */
    static final int RETRIES = 2;
    /** Runs this small have their results written in the log as one list, like the tutorial's print. */
    static final int RESULTS_IN_LOG = 50;
    /** Cards the queue can show; the rest are counted. */
    static final int QUEUE_CARDS = 24;

    private final Executor background;
    private final Executor fx;
    private final ListLoader loader;
    private final LongSupplier clock;
    private final FrameEventPump pump = new FrameEventPump(this::apply, this::onFrame);
    private final List<Runnable> frameHooks = new java.util.ArrayList<>();

    private final IntegerProperty poolSize = new SimpleIntegerProperty(this, "poolSize", 5);
    private final StringProperty kind = new SimpleStringProperty(this, "kind", "square");
    private final StringProperty commandTemplate = new SimpleStringProperty(this, "commandTemplate", "echo {}");
    private final IntegerProperty chunkSize = new SimpleIntegerProperty(this, "chunkSize", 0);
    private final ObjectProperty<Path> outputDir = new SimpleObjectProperty<>(this, "outputDir",
            Path.of(System.getProperty("user.home"), "garrison-output"));
    private final DoubleProperty paceMs = new SimpleDoubleProperty(this, "paceMs", 0);
    private final BooleanProperty paused = new SimpleBooleanProperty(this, "paused");
    private final ObjectProperty<Phase> phase = new SimpleObjectProperty<>(this, "phase", Phase.EMPTY);
    private final StringProperty listName = new SimpleStringProperty(this, "listName", "");
    private final DoubleProperty loadProgress = new SimpleDoubleProperty(this, "loadProgress", -1);
    private final StringProperty problem = new SimpleStringProperty(this, "problem", "");
    private final ObjectProperty<RunSummary> lastSummary = new SimpleObjectProperty<>(this, "lastSummary");
    private final ObjectProperty<PoolState> poolState = new SimpleObjectProperty<>(this, "poolState");
    private final IntegerProperty liveWorkers = new SimpleIntegerProperty(this, "liveWorkers");
    private final IntegerProperty busyWorkers = new SimpleIntegerProperty(this, "busyWorkers");
    private final ObservableList<String> queueCards = FXCollections.observableArrayList();
    private final IntegerProperty queuedCount = new SimpleIntegerProperty(this, "queuedCount");

    private final TaskBoard board = new TaskBoard();
    private final ParadeModel parade = new ParadeModel();
    private final TimelineModel timeline = new TimelineModel();
    private final ThroughputModel throughput = new ThroughputModel();
    private final EventLogModel log = new EventLogModel();

    private ProcessPool pool;
    private TaskRun run;
    private JobLog jobLog;
    private Path jobLogFile;
    private TaskList list;
    private ListSource source;
    private Consumer<RunSummary> onRunFinished = summary -> { };
    private long runStartedMs;

    public MainViewModel(Executor background, Executor fx, LongSupplier clock) {
        this.background = background;
        this.fx = fx;
        this.clock = clock;
        this.loader = new ListLoader(background, fx);
        poolSize.addListener((obs, old, now) -> resizePool(now.intValue()));
        paceMs.addListener((obs, old, now) -> applyPace());
        paused.addListener((obs, old, now) -> withPool(p -> p.setPaused(now)));
        kind.addListener((obs, old, now) -> reparse());
        commandTemplate.addListener((obs, old, now) -> {
            if ("command".equals(kind.get())) {
                reparse();
            }
        });
    }

    // ---------------------------------------------------------------- frames and events

    /** The one listener the pool gets; also drives per-frame work when started by the app. */
    public FrameEventPump pump() {
        return pump;
    }

    /** Applies one frame's batch of engine events, in order. */
    public void apply(List<PoolEvent> batch) {
        long now = clock.getAsLong();
        board.apply(batch);
        parade.apply(batch, now);
        timeline.apply(batch);
        log.apply(batch);
        for (PoolEvent event : batch) {
            if (event instanceof PoolEvent.PoolStateChanged e && (pool == null || isCurrentPoolState(e))) {
                poolState.set(e.state());
            } else if (event instanceof PoolEvent.RunFinished e) {
                finishRun(new RunSummary(e.total(), e.succeeded(), e.failed(), e.skipped(), e.elapsedMs()));
            }
        }
    }

    private boolean isCurrentPoolState(PoolEvent.PoolStateChanged e) {
        // Events of a pool replaced by a new one must not overwrite the new pool's state.
        return e.state() == pool.state() || e.state() != PoolState.TERMINATED;
    }

    /** Runs {@code hook} on every frame after the view model's own frame work (views redraw there). */
    public void addFrameHook(Runnable hook) {
        frameHooks.add(hook);
    }

    private void onFrame() {
        frame();
        for (Runnable hook : frameHooks) {
            hook.run();
        }
    }

    /** Per-frame work: soldiers' steps, the queue picture, throughput sampling. */
    public void frame() {
        long now = clock.getAsLong();
        parade.tick(now);
        int live = 0;
        int busy = 0;
        for (Soldier soldier : parade.soldiers()) {
            if (!soldier.getState().isGone()) {
                live++;
            }
        }
        busy = board.runningProperty().get();
        liveWorkers.set(live);
        busyWorkers.set(Math.min(busy, live));
        // The queue as the picture shows it: what the engine still holds, plus what soldiers are yet to fetch.
        List<String> next = new java.util.ArrayList<>(QUEUE_CARDS);
        int fetching = 0;
        for (ParadeModel.Phase fetch : parade.pendingFetches()) {
            fetching += fetch.bundle();
            if (next.size() < QUEUE_CARDS) {
                next.add(fetch.bundle() > 1 ? fetch.card() + "  \u00d7" + fetch.bundle() : fetch.card());
            }
        }
        queuedCount.set(board.waitingProperty().get() + fetching);
        for (TaskRow row : board.nextWaiting(QUEUE_CARDS - next.size())) {
            next.add(row.getInput());
        }
        if (!next.equals(queueCards)) {
            queueCards.setAll(next);
        }
        if (phase.get() == Phase.RUNNING) {
            throughput.frame(now, board.getFinished(), board.getTotal() - board.getFinished(), busyWorkers.get(), live);
        }
        if (phase.get() == Phase.LOADING) {
            loadProgress.set(loader.progress());
        }
    }

    // ---------------------------------------------------------------- loading

    /** Loads the tutorial's list: the squares of 1..10, ready to start on five workers. */
    public void loadTutorial() {
        kind.set("square");
        String text = IntStream.rangeClosed(1, 10).mapToObj(Integer::toString).collect(Collectors.joining("\n"));
        load(new ListSource.FromText(I18n.get("ui.list.tutorial"), text));
    }

    /** Reads a list file in the background; the window stays live and shows progress. */
    public void loadFile(Path file) {
        load(new ListSource.FromFile(file));
    }

    /** Takes a list given as text (pasted, or dropped from a browser). */
    public void loadText(String name, String text) {
        load(new ListSource.FromText(name, text));
    }

    private void reparse() {
        if (source != null && phase.get() != Phase.RUNNING && phase.get() != Phase.LOADING) {
            load(source);
        }
    }

    private void load(ListSource from) {
        if (phase.get() == Phase.RUNNING) {
            problem.set(I18n.get("ui.problem.busy"));
            return;
        }
        phase.set(Phase.LOADING);
        listName.set(from.name());
        problem.set("");
        loadProgress.set(-1);
        loader.load(from, kind.get(), options(), this::loaded, this::loadFailed);
    }

    private void loaded(ListSource from, TaskList parsed) {
        source = from;
        list = parsed;
        board.load(parsed);
        parade.clearTray();
        timeline.reset();
        loadProgress.set(1);
        phase.set(parsed.size() == 0 ? Phase.EMPTY : Phase.READY);
        log.note(I18n.get("ui.log.loaded", from.name(), parsed.size(), parsed.problems().size()));
    }

    private void loadFailed(ListSource from, Exception e) {
        phase.set(list == null ? Phase.EMPTY : Phase.READY);
        loadProgress.set(-1);
        problem.set(I18n.get("ui.problem.load", from.name(), e.getMessage()));
        log.note(problem.get());
    }

    private TaskOptions options() {
        TaskOptions.Builder options = TaskOptions.builder().outputDir(outputDir.get());
        if ("command".equals(kind.get())) {
            options.commandTemplate(commandTemplate.get());
        }
        return options.build();
    }

    // ---------------------------------------------------------------- the pool and the run

    /** Starts workers for the chosen pool size now, so soldiers stand ready before any run. */
    public void preparePool() {
        if (pool != null && pool.state() == PoolState.RUNNING) {
            return;
        }
        int size = poolSize.get();
        background.execute(() -> {
            ProcessPool fresh = newPool(size);
            fx.execute(() -> adoptPool(fresh));
        });
    }

    /**
     * Workers run as background work (SCHED_IDLE on Linux, else nice 19): 64 of them busy on 2 cores would
     * otherwise starve the window's frames. At nice 10 a worker still weighs a ninth of a normal thread (Linux's
     * scheduler), and when most of the stress demo's 64 workers were runnable at once they took half of both cores
     * from the window, for frames of 80 to 130 ms; at nice 19 each weighs 15 against a normal thread's 1024, and
     * the stress demo's worst frames were still 62-86 ms; under SCHED_IDLE each weighs 3 (decision 0007). Workers
     * still get every cycle the window leaves.
     */
    private ProcessPool newPool(int size) {
        return ProcessPool.builder().size(size).retries(RETRIES).backgroundWorkers(true).listener(pump).build();
    }

    private void adoptPool(ProcessPool fresh) {
        if (pool != null && pool != fresh && pool.state() == PoolState.RUNNING) {
            // Two pools raced (start pressed while the first was starting): keep one.
            fresh.terminate();
            return;
        }
        pool = fresh;
        poolState.set(PoolState.RUNNING);
        applyPace();
        fresh.setPaused(paused.get());
        if (fresh.size() != poolSize.get()) {
            resizePool(poolSize.get());
        }
    }

    /** Runs the loaded list through the pool (a new one if the last was closed or terminated). */
    public void start() {
        if (list == null || phase.get() == Phase.RUNNING || phase.get() == Phase.LOADING) {
            return;
        }
        TaskList tasks = list;
        String kindName = kind.get();
        TaskOptions options = options();
        int chunk = chunkSize.get();
        ProcessPool current = pool != null && pool.state() == PoolState.RUNNING ? pool : null;
        int size = poolSize.get();
        board.resetForRun();
        parade.clearTray();
        timeline.reset();
        runStartedMs = clock.getAsLong();
        throughput.reset(runStartedMs);
        lastSummary.set(null);
        problem.set("");
        phase.set(Phase.RUNNING);
        log.note(I18n.get("ui.log.runStarting", listName.get(), tasks.size(), kindName));
        background.execute(() -> {
            try {
                ProcessPool target = current != null ? current : newPool(size);
                Path logFile = Files.createTempFile("garrison-joblog-", ".tsv");
                Files.delete(logFile);
                JobLog joblog = JobLog.open(logFile);
                target.addListener(joblog);
                if ("download".equals(kindName) || "command".equals(kindName)) {
                    Files.createDirectories(options.outputDir());
                }
                fx.execute(() -> {
                    if (target != pool) {
                        adoptPool(target);
                    }
                    jobLog = joblog;
                    jobLogFile = logFile;
                });
                TaskRun started = TaskRun.start(target, tasks, kindName, options, chunk, Set.of());
                fx.execute(() -> run = started);
            } catch (IOException | RuntimeException e) {
                fx.execute(() -> {
                    phase.set(Phase.READY);
                    problem.set(I18n.get("ui.problem.start", String.valueOf(e.getMessage())));
                    log.note(problem.get());
                });
            }
        });
    }

    private void finishRun(RunSummary summary) {
        if (phase.get() != Phase.RUNNING) {
            return;
        }
        phase.set(Phase.FINISHED);
        throughput.finish();
        lastSummary.set(summary);
        if (board.getTotal() <= RESULTS_IN_LOG) {
            // What Python's pool.map would print: the results in input order.
            log.note(I18n.get("ui.log.results", board.rows().stream()
                    .map(row -> row.getResult() == null ? "\u2716" : row.getResult())
                    .collect(Collectors.joining(", ", "[", "]"))));
        }
        JobLog closing = jobLog;
        ProcessPool owner = pool;
        if (closing != null) {
            background.execute(() -> {
                if (owner != null) {
                    owner.removeListener(closing);
                }
                try {
                    closing.close();
                } catch (IOException | RuntimeException e) {
                    fx.execute(() -> problem.set(I18n.get("ui.problem.joblog", e.getMessage())));
                }
            });
        }
        onRunFinished.accept(summary);
    }

    /** Python's close: no new tasks; queued ones finish; then the workers leave. */
    public void closePool() {
        withPool(ProcessPool::close);
    }

    /** Kills every worker now; unfinished tasks fail. */
    public void terminatePool() {
        withPool(ProcessPool::terminate);
    }

    /** SIGKILLs one worker, from a soldier's menu: a replacement marches in and its task is retried. */
    public void killWorker(long pid) {
        log.note(I18n.get("ui.log.killing", String.valueOf(pid)));
        withPool(p -> p.killWorker(pid));
    }

    /** Stops the pool and its workers when the window closes. Blocks up to a few seconds. */
    public void shutdown() {
        pump.stop();
        if (pool != null) {
            pool.terminate();
        }
    }

    private void resizePool(int size) {
        int bounded = Math.max(MIN_POOL, Math.min(MAX_POOL, size));
        withPool(p -> {
            if (p.state() == PoolState.RUNNING) {
                p.resize(bounded);
            }
        });
    }

    private void applyPace() {
        long ms = Math.round(paceMs.get());
        parade.fitToPace(ms);
        withPool(p -> p.setPace(Duration.ofMillis(ms)));
    }

    private void withPool(Consumer<ProcessPool> action) {
        ProcessPool target = pool;
        if (target != null) {
            background.execute(() -> action.accept(target));
        }
    }

    // ---------------------------------------------------------------- export

    public void exportCsv(Path file) throws IOException {
        ResultsExporter.writeCsv(board.rows(), file);
        log.note(I18n.get("ui.log.exported", file));
    }

    public void exportJson(Path file) throws IOException {
        ResultsExporter.writeJson(board.rows(), file);
        log.note(I18n.get("ui.log.exported", file));
    }

    /** Copies the run's joblog (GNU parallel style TSV). @throws IOException if no run wrote one yet */
    public void exportJobLog(Path file) throws IOException {
        if (jobLogFile == null || Files.notExists(jobLogFile)) {
            throw new IOException(I18n.get("ui.problem.noJoblog"));
        }
        Files.copy(jobLogFile, file, StandardCopyOption.REPLACE_EXISTING);
        log.note(I18n.get("ui.log.exported", file));
    }

    // ---------------------------------------------------------------- properties

    public IntegerProperty poolSizeProperty() {
        return poolSize;
    }

    public StringProperty kindProperty() {
        return kind;
    }

    public StringProperty commandTemplateProperty() {
        return commandTemplate;
    }

    /** Tasks per message to a worker; 0 lets the engine choose (like Python's map). */
    public IntegerProperty chunkSizeProperty() {
        return chunkSize;
    }

    public ObjectProperty<Path> outputDirProperty() {
        return outputDir;
    }

    /** Milliseconds between handing out chunks, so a class can follow; 0 is full speed. */
    public DoubleProperty paceMsProperty() {
        return paceMs;
    }

    public BooleanProperty pausedProperty() {
        return paused;
    }

    public ReadOnlyObjectProperty<Phase> phaseProperty() {
        return phase;
    }

    public Phase getPhase() {
        return phase.get();
    }

    public ReadOnlyStringProperty listNameProperty() {
        return listName;
    }

    /** 0..1 while a file loads; -1 when unknown. */
    public ReadOnlyDoubleProperty loadProgressProperty() {
        return loadProgress;
    }

    /** The last thing that went wrong, in words; empty when all is well. */
    public ReadOnlyStringProperty problemProperty() {
        return problem;
    }

    public ReadOnlyObjectProperty<RunSummary> lastSummaryProperty() {
        return lastSummary;
    }

    public ReadOnlyObjectProperty<PoolState> poolStateProperty() {
        return poolState;
    }

    public ReadOnlyIntegerProperty liveWorkersProperty() {
        return liveWorkers;
    }

    public ReadOnlyIntegerProperty busyWorkersProperty() {
        return busyWorkers;
    }

    public ObservableList<String> queueCards() {
        return queueCards;
    }

    public ReadOnlyIntegerProperty queuedCountProperty() {
        return queuedCount;
    }

    public TaskBoard board() {
        return board;
    }

    public ParadeModel parade() {
        return parade;
    }

    public TimelineModel timeline() {
        return timeline;
    }

    public ThroughputModel throughput() {
        return throughput;
    }

    public EventLogModel log() {
        return log;
    }

    /** The pool now, for tests and the soldier details; null before the first one started. */
    public ProcessPool pool() {
        return pool;
    }

    /** The loaded list, or null. */
    public TaskList taskList() {
        return list;
    }

    /** Called on the FX thread when a run ends, after {@link #lastSummaryProperty()} is set. */
    public void setOnRunFinished(Consumer<RunSummary> handler) {
        onRunFinished = handler == null ? summary -> { } : handler;
    }
}
