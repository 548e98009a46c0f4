package io.garrison.ui.main;

import io.garrison.engine.PoolEvent;
import io.garrison.engine.PoolState;
import io.garrison.engine.ProcessPool;
import io.garrison.engine.RunSummary;
import io.garrison.task.TaskList;
import io.garrison.ui.event.FrameEventPump;
import io.garrison.ui.log.EventLogModel;
import io.garrison.ui.parade.ParadeModel;
import io.garrison.ui.parade.Soldier;
import io.garrison.ui.stats.ThroughputModel;
import io.garrison.ui.tasks.TaskBoard;
import io.garrison.ui.tasks.TaskRow;
import io.garrison.ui.timeline.TimelineModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The main window's view model: the one face its views and tests see. It composes the toolbar's settings
 * ({@link MainSettings}), the models the views draw ({@link MainModels}), the list ({@link ListSession}), the
 * pool ({@link PoolSession}) and the run ({@link RunSession}), and does the per-frame work itself: hands each
 * frame's engine events to all of them and draws the queue and the worker counts.
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
    /** Cards the queue can show; the rest are counted. */
    static final int QUEUE_CARDS = 24;

    private final LongSupplier clock;
    private final FrameEventPump pump = new FrameEventPump(this::apply, this::onFrame);
    private final List<Runnable> frameHooks = new ArrayList<>();
    private final MainSettings settings = new MainSettings();
    private final MainModels models = new MainModels();
    private final ListSession lists;
    private final PoolSession pools;
    private final RunSession runs;

    private final IntegerProperty liveWorkers = new SimpleIntegerProperty(this, "liveWorkers");
    private final IntegerProperty busyWorkers = new SimpleIntegerProperty(this, "busyWorkers");
    private final ObservableList<String> queueCards = FXCollections.observableArrayList();
    private final IntegerProperty queuedCount = new SimpleIntegerProperty(this, "queuedCount");

    public MainViewModel(Executor background, Executor fx, LongSupplier clock) {
        this.clock = clock;
        this.lists = new ListSession(background, fx, settings, models);
        this.pools = new PoolSession(background, fx, clock, settings, models, pump);
        this.runs = new RunSession(background, fx, clock, settings, models, lists, pools);
    }

    /** The one listener the pool gets; also drives per-frame work when started by the app. */
    public FrameEventPump pump() {
        return pump;
    }

    /** Applies one frame's batch of engine events, in order. */
    public void apply(List<PoolEvent> batch) {
        long now = clock.getAsLong();
        models.board().apply(batch);
        models.parade().apply(pools.withoutReplacedPools(batch), now);
        models.timeline().apply(batch);
        models.log().apply(batch);
        for (PoolEvent event : batch) {
            if (event instanceof PoolEvent.PoolStateChanged e) {
                pools.stateChanged(e);
            } else if (event instanceof PoolEvent.RunFinished e) {
                runs.finish(new RunSummary(e.total(), e.succeeded(), e.failed(), e.skipped(), e.elapsedMs()));
            }
        }
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
        ParadeModel parade = models.parade();
        TaskBoard board = models.board();
        parade.tick(now);
        int live = 0;
        for (Soldier soldier : parade.soldiers()) {
            if (!soldier.getState().isGone()) {
                live++;
            }
        }
        int busy = board.runningProperty().get();
        liveWorkers.set(live);
        busyWorkers.set(Math.min(busy, live));
        // The queue as the picture shows it: what the engine still holds, plus what soldiers are yet to fetch.
        List<String> next = new ArrayList<>(QUEUE_CARDS);
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
        if (models.phase() == Phase.RUNNING) {
            models.throughput().frame(now, board.getFinished(), board.getTotal() - board.getFinished(),
                    busyWorkers.get(), live);
        }
        lists.frame();
    }

    /** Loads the tutorial's list: the squares of 1..10, ready to start on five workers. */
    public void loadTutorial() {
        lists.loadTutorial();
    }

    /** Reads a list file in the background; the window stays live and shows progress. */
    public void loadFile(Path file) {
        lists.loadFile(file);
    }

    /** Takes a list given as text (pasted, or dropped from a browser). */
    public void loadText(String name, String text) {
        lists.loadText(name, text);
    }

    /** Starts workers for the chosen pool size now, so soldiers stand ready before any run. */
    public void preparePool() {
        pools.prepare();
    }

    /** Runs the loaded list through the pool (a new one if the last was closed or terminated). */
    public void start() {
        runs.start();
    }

    /** Python's close: no new tasks; queued ones finish; then the workers leave. */
    public void closePool() {
        pools.close();
    }

    /** Kills every worker now; unfinished tasks fail. */
    public void terminatePool() {
        pools.terminate();
    }

    /** Pauses the run if it goes on and hands out one more chunk of tasks (F10), for a class to follow. */
    public void step() {
        pools.step();
    }

    /** SIGKILLs one worker, from a soldier's menu: a replacement marches in and its task is retried. */
    public void killWorker(long pid) {
        pools.killWorker(pid);
    }

    /** Stops the pool and its workers when the window closes. Blocks up to a few seconds. */
    public void shutdown() {
        pump.stop();
        pools.shutdown();
    }

    public void exportCsv(Path file) throws IOException {
        runs.exportCsv(file);
    }

    public void exportJson(Path file) throws IOException {
        runs.exportJson(file);
    }

    /** Copies the run's joblog (GNU parallel style TSV). @throws IOException if no run wrote one yet */
    public void exportJobLog(Path file) throws IOException {
        runs.exportJobLog(file);
    }

    public IntegerProperty poolSizeProperty() {
        return settings.poolSizeProperty();
    }

    public StringProperty kindProperty() {
        return settings.kindProperty();
    }

    public StringProperty commandTemplateProperty() {
        return settings.commandTemplateProperty();
    }

    /** Tasks per message to a worker; 0 lets the engine choose (like Python's map). */
    public IntegerProperty chunkSizeProperty() {
        return settings.chunkSizeProperty();
    }

    public ObjectProperty<Path> outputDirProperty() {
        return settings.outputDirProperty();
    }

    /** Milliseconds between handing out chunks, so a class can follow; 0 is full speed. */
    public DoubleProperty paceMsProperty() {
        return settings.paceMsProperty();
    }

    public BooleanProperty pausedProperty() {
        return settings.pausedProperty();
    }

    public ReadOnlyObjectProperty<Phase> phaseProperty() {
        return models.phaseProperty();
    }

    public Phase getPhase() {
        return models.phase();
    }

    public ReadOnlyStringProperty listNameProperty() {
        return lists.listNameProperty();
    }

    /** 0..1 while a file loads; -1 when unknown. */
    public ReadOnlyDoubleProperty loadProgressProperty() {
        return lists.loadProgressProperty();
    }

    /** The last thing that went wrong, in words; empty when all is well. */
    public ReadOnlyStringProperty problemProperty() {
        return models.problemProperty();
    }

    public ReadOnlyObjectProperty<RunSummary> lastSummaryProperty() {
        return runs.lastSummaryProperty();
    }

    /** The pool's state as the engine last told it; the parade's badge shows it as the picture reaches it. */
    public ReadOnlyObjectProperty<PoolState> poolStateProperty() {
        return pools.poolStateProperty();
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
        return models.board();
    }

    public ParadeModel parade() {
        return models.parade();
    }

    public TimelineModel timeline() {
        return models.timeline();
    }

    public ThroughputModel throughput() {
        return models.throughput();
    }

    public EventLogModel log() {
        return models.log();
    }

    /** The pool now, for tests and the soldier details; null before the first one started. */
    public ProcessPool pool() {
        return pools.pool();
    }

    /** The loaded list, or null. */
    public TaskList taskList() {
        return lists.list();
    }

    /** Called on the FX thread when a run ends, after {@link #lastSummaryProperty()} is set. */
    public void setOnRunFinished(Consumer<RunSummary> handler) {
        runs.setOnFinished(handler);
    }
}
