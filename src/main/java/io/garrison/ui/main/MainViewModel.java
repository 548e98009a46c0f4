package io.garrison.ui.main;

import io.garrison.engine.PoolEvent;
import io.garrison.engine.PoolListener;
import io.garrison.engine.PoolSnapshot;
import io.garrison.engine.PoolState;
import io.garrison.engine.ProcessPool;
import io.garrison.engine.RunSummary;
import io.garrison.engine.WorkerId;
import io.garrison.engine.WorkerStats;
import io.garrison.python.PythonEventSource;
import io.garrison.python.PythonInterpreter;
import io.garrison.python.PythonUnavailableException;
import io.garrison.python.ScriptLaunch;
import io.garrison.stream.EventRecording;
import io.garrison.stream.RunEventSource;
import io.garrison.stream.WatchConnection;
import io.garrison.stream.WatchException;
import io.garrison.stream.WatchRegistry;
import io.garrison.stream.WatchedRun;
import io.garrison.stream.EventSource;
import io.garrison.ui.hosts.HostsFile;
import io.garrison.ui.i18n.I18n;
import io.garrison.task.TaskList;
import io.garrison.ui.check.PictureCheck;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyLongProperty;
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
    /** How much later than the parade's quiet time the engine is asked, so none of its news is left alone. */
    static final long RECONCILE_MARGIN_MS = 200;

    /** The wall clock the view model was given. */
    private final LongSupplier wall;
    private final Executor background;
    private final Executor fx;
    /** The picture's clock: the wall's, or a replay's stream time while one plays. */
    private final LongSupplier clock = this::pictureNow;
    private final FrameEventPump pump;
    /** Whether the window's own pool's events reach the picture: not while it draws a stream instead. */
    private volatile boolean ownPoolShown = true;
    /** Counts the streams asked for (FX thread), so that only the last one asked for is shown. */
    private int streamRequests;
    /** Set when the window closes: nothing is started after that. */
    private boolean shutDown;
    private final List<Runnable> frameHooks = new ArrayList<>();
    private final List<BooleanSupplier> frameWanters = new ArrayList<>();
    private final MainSettings settings = new MainSettings();
    private final MainModels models = new MainModels();
    private final ListSession lists;
    private final PoolSession pools;
    private final RunSession runs;
    private final StreamSession watch;

    private final IntegerProperty liveWorkers = new SimpleIntegerProperty(this, "liveWorkers");
    private final IntegerProperty busyWorkers = new SimpleIntegerProperty(this, "busyWorkers");
    private final ObservableList<String> queueCards = FXCollections.observableArrayList();
    private final IntegerProperty queuedCount = new SimpleIntegerProperty(this, "queuedCount");
    /** When the picture is next mended with the engine's own state (clock ms); 0 when not due. */
    private long reconcileDueMs;

    public MainViewModel(Executor background, Executor fx, LongSupplier clock) {
        this.wall = clock;
        this.background = background;
        this.fx = fx;
        this.pump = new FrameEventPump(this::apply, this::onFrame, this::wantsFrames, fx);
        this.lists = new ListSession(background, fx, settings, models);
        PoolListener ownPool = event -> {
            if (ownPoolShown) {
                pump.onEvent(event);
            }
        };
        this.pools = new PoolSession(background, fx, this.clock, settings, models, ownPool);
        this.runs = new RunSession(background, fx, this.clock, settings, models, lists, pools);
        this.watch = new StreamSession(fx, wall, models, pump, this::forgetBesideThePicture);
        // A change the frames draw (a list loaded, a run started or ended) wakes a sleeping pump for them.
        models.phaseProperty().addListener((obs, old, now) -> pump.wake());
        models.board().versionProperty().addListener((obs, old, now) -> pump.wake());
        settings.paceMsProperty().addListener((obs, old, now) -> pump.wake());
        settings.pausedProperty().addListener((obs, old, now) -> pump.wake());
    }

    /**
     * Whether the frames still have work: a run or a load under way, a soldier still moving, a reconciliation due,
     * or a frame hook that asked to be called ({@link #keepFramesWhile}).
     */
    private boolean wantsFrames() {
        if (watch.wantsFrames()) {
            return true;
        }
        Phase phase = models.phase();
        if (phase == Phase.RUNNING || phase == Phase.LOADING || reconcileDueMs != 0 || !models.parade().isSettled()) {
            return true;
        }
        for (BooleanSupplier wanter : frameWanters) {
            if (wanter.getAsBoolean()) {
                return true;
            }
        }
        return false;
    }

    /** Keeps the frames (and the hooks) coming while {@code condition} holds, even with nothing moving. */
    public void keepFramesWhile(BooleanSupplier condition) {
        frameWanters.add(condition);
        pump.wake();
    }

    /** The one listener the pool gets; also drives per-frame work when started by the app. */
    public FrameEventPump pump() {
        return pump;
    }

    /** Applies one frame's batch of engine events, in order. */
    public void apply(List<PoolEvent> batch) {
        long now = clock.getAsLong();
        models.board().apply(batch);
        // A stream's pool states are the stream's own: the window's replaced pools have no say in them.
        models.parade().apply(watch.isWatching() ? batch : pools.withoutReplacedPools(batch), now);
        models.timeline().apply(batch);
        models.log().apply(batch);
        models.hostPauses().apply(batch);
        for (PoolEvent event : batch) {
            if (event instanceof PoolEvent.PoolStateChanged e) {
                if (!watch.isWatching()) {
                    pools.stateChanged(e);
                }
                if (e.state() != PoolState.RUNNING) {
                    reconcileLater(now);
                }
            } else if (event instanceof PoolEvent.RunFinished e) {
                runs.finish(new RunSummary(e.total(), e.succeeded(), e.failed(), e.skipped(), e.elapsedMs()));
                reconcileLater(now);
            } else if (event instanceof PoolEvent.WorkerExited e && !e.expected()) {
                reconcileLater(now);
            }
        }
    }

    /**
     * At a run's end, after a worker died and when the pool closes, the picture is mended with the engine's own
     * state, once the events sent before it have surely arrived (the parade leaves alone news younger than that).
     */
    private void reconcileLater(long now) {
        if (reconcileDueMs == 0) {
            reconcileDueMs = now + ParadeModel.RECONCILE_QUIET_MS + RECONCILE_MARGIN_MS;
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
        watch.frame();
        long now = clock.getAsLong();
        ParadeModel parade = models.parade();
        TaskBoard board = models.board();
        parade.tick(now);
        int live = 0;
        int busy = 0;
        for (Soldier soldier : parade.soldiers()) {
            live += soldier.getState().isGone() ? 0 : 1;
            // A worker's exit ends its tasks in the truth, so a soldier running one is a live worker.
            busy += soldier.isRunningInTruth() ? 1 : 0;
        }
        liveWorkers.set(live);
        // What the workers do, not what their soldiers are seen doing a moment later.
        busyWorkers.set(busy);
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
        if (reconcileDueMs != 0 && now >= reconcileDueMs) {
            reconcileDueMs = 0;
            snapshotPool(snapshot -> {
                if (snapshot != null) {
                    parade.reconcile(snapshot, clock.getAsLong());
                }
            });
        }
    }

    /**
     * Reads the pool's own state on the background executor and hands it to {@code then} on the FX thread;
     * nothing when no pool exists.
     */
    public void snapshotPool(Consumer<PoolSnapshot> then) {
        if (watch.isWatching()) {
            then.accept(watch.snapshot());
        } else {
            pools.snapshot(then);
        }
    }

    /** What the window draws now, for the self-check. */
    public PictureCheck.Drawn drawnPicture() {
        return new PictureCheck.Drawn(List.copyOf(models.parade().soldiers()), queuedCount.get(),
                models.parade().succeededShownProperty().get(), models.parade().failedShownProperty().get(),
                models.board().getSucceeded(), models.board().getFailed(), busyWorkers.get());
    }

    /**
     * What the engine says, for the self-check: the pool's {@code snapshot}, and the counts of the last run's
     * summary, or of the run under way so far (none started: the list the window shows, nothing done).
     */
    public PictureCheck.Real realPicture(PoolSnapshot snapshot) {
        if (watch.isWatching()) {
            return watch.realPicture();
        }
        RunSummary summary = runs.lastSummaryProperty().get();
        if (summary == null && models.phase() == Phase.RUNNING) {
            // A run still going (slow to stop on a loaded machine) is judged by the outcomes the engine counted
            // so far, not as if none had come.
            summary = runs.progress();
        }
        if (summary == null) {
            return new PictureCheck.Real(snapshot, models.board().getTotal(), 0, 0, 0);
        }
        return new PictureCheck.Real(snapshot, summary.total(), summary.succeeded(), summary.failed(),
                summary.skipped());
    }

    /** Stops the run as the command line's first Ctrl-C does: nothing more is handed out; running tasks finish. */
    public void stopRun() {
        if (!watch.isWatching()) {
            runs.stop();
        }
    }

    /** Loads the tutorial's list: the squares of 1..10, ready to start on five workers. */
    public void loadTutorial() {
        leaveStream();
        lists.loadTutorial();
    }

    /** Reads a list file in the background; the window stays live and shows progress. */
    public void loadFile(Path file) {
        leaveStream();
        lists.loadFile(file);
    }

    /**
     * Reads several files as the list: one input each for commands, else one list after another
     * ({@link #listNoteProperty()} says which); one file is read as {@link #loadFile} does.
     */
    public void loadFiles(List<Path> files) {
        leaveStream();
        lists.loadFiles(files);
    }

    /** Takes a list given as text (pasted, or dropped from a browser). */
    public void loadText(String name, String text) {
        leaveStream();
        lists.loadText(name, text);
    }

    /** Starts workers for the chosen pool size now, so soldiers stand ready before any run. */
    public void preparePool() {
        if (!watch.isWatching()) {
            pools.prepare();
        }
    }

    /** Runs the loaded list through the pool (a new one if the last was closed or terminated). */
    public void start() {
        if (!watch.isWatching()) {
            runs.start();
        }
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
    public void killWorker(WorkerId id) {
        if (watch.isWatching()) {
            watch.kill(id);
        } else {
            pools.killWorker(id);
        }
    }

    /** How a worker is doing, as it tells it: for the Details of a soldier on another host. */
    public CompletableFuture<WorkerStats> workerStats(WorkerId id) {
        ProcessPool pool = pools.pool();
        return pool == null ? CompletableFuture.failedFuture(new NoSuchElementException("no pool"))
                : pool.workerStats(id);
    }

    /**
     * Draws a live stream of events instead of the window's own pool, which is terminated: a pipe, a running
     * command line, a Python script. {@code name} is how the window names it.
     */
    public void watch(String name, EventSource source) {
        streamRequests++;
        leaveOwnPool();
        watch.watchLive(name, source);
    }

    /**
     * Runs {@code show} on the FX thread if no other stream was asked for since {@code request}: a stream that took
     * long to open (a slow python3, a big file) must not replace one chosen after it. Else {@code dropped} runs.
     */
    private void showIfStillWanted(int request, Runnable show, Runnable dropped) {
        fx.execute(() -> {
            if (request == streamRequests && !shutDown) {
                show.run();
            } else {
                dropped.run();
            }
        });
    }

    /**
     * Runs a Python script with Garrison's probe and draws its own {@code multiprocessing} pool: its real worker
     * processes, the tasks each takes, a worker killed from its soldier and the task Python then loses. The script's
     * output goes to the event log.
     */
    public void watchPython(Path script, List<String> arguments) {
        watchPython(script, arguments, ScriptLaunch.DEFAULT_PATIENCE);
    }

    /** As {@link #watchPython(Path, List)}, the script stopped {@code patience} after its pool lost a task. */
    public void watchPython(Path script, List<String> arguments, Duration patience) {
        int request = ++streamRequests;
        background.execute(() -> {
            try {
                PythonInterpreter python = PythonInterpreter.find();
                PythonEventSource source = new PythonEventSource(python,
                        ScriptLaunch.of(script, arguments).withPatience(patience),
                        line -> fx.execute(() -> models.log().note(I18n.get("ui.python.output", line.text()))));
                showIfStillWanted(request, () -> watch(I18n.get("ui.python.script", script.getFileName()), source),
                        () -> { });
            } catch (PythonUnavailableException e) {
                fx.execute(() -> models.reportProblem(I18n.get("ui.python.unavailable", e.getMessage())));
            }
        });
    }

    /**
     * Draws a running {@code garrison run --watch-port} of this user: every event since its start, then live; a
     * soldier's Kill -9 goes to the run. {@code port} names the run, as the run's own message says.
     */
    public void watchRun(int port) {
        int request = ++streamRequests;
        background.execute(() -> {
            try {
                WatchConnection connection = WatchConnection.open(port);
                WatchedRun run = connection.run();
                showIfStillWanted(request, () -> watch(I18n.get("ui.watch.run", run.list(), run.port()),
                        new RunEventSource(connection)), connection::close);
            } catch (WatchException e) {
                fx.execute(() -> models.reportProblem(I18n.get("ui.watch.runUnreachable", port, e.getMessage())));
            }
        });
    }

    /** The runs of this user that serve their events now ({@code garrison run --watch-port}), newest first. */
    public List<WatchedRun> watchableRuns() {
        List<WatchedRun> runs = new ArrayList<>(WatchRegistry.forThisUser().liveRuns());
        runs.sort(Comparator.comparing(WatchedRun::started).reversed());
        return runs;
    }

    /** Plays a saved stream back at {@code speed} (1 to 100 times), read on the background executor. */
    public void replay(Path file, double speed) {
        int request = ++streamRequests;
        double times = Double.isNaN(speed) ? 1 : Math.max(1, Math.min(100, speed));
        background.execute(() -> {
            try {
                EventRecording recording = EventRecording.read(file);
                showIfStillWanted(request, () -> {
                    leaveOwnPool();
                    watch.watchReplay(file.getFileName().toString(), recording, times);
                }, () -> { });
            } catch (IOException | RuntimeException e) {
                fx.execute(() -> models.reportProblem(I18n.get("ui.watch.unreadable", file,
                        String.valueOf(e.getMessage()))));
            }
        });
    }

    /**
     * The window's own pool no longer reaches the picture, and is terminated; what it had already said is drawn
     * before the picture is cleared for the stream.
     */
    private void leaveOwnPool() {
        if (!ownPoolShown) {
            return;
        }
        ownPoolShown = false;
        pump.drain();
        pools.terminate();
    }

    /** Stops drawing the stream (a script it ran is stopped); the window's own pool stands ready again. */
    public void stopWatching() {
        if (leaveStream()) {
            lists.loadTutorial();
        }
    }

    /**
     * Back to the window's own pool if a stream was drawn: the source is let go (a script it ran is stopped), what
     * it had sent is dropped, and the own soldiers stand up again. @return whether a stream was drawn
     */
    private boolean leaveStream() {
        streamRequests++;
        if (!watch.isWatching()) {
            return false;
        }
        watch.stop();
        pump.discard();
        ownPoolShown = true;
        models.parade().clearSoldiers();
        models.parade().clearTray();
        forgetBesideThePicture();
        models.phaseProperty().set(Phase.EMPTY);
        pools.prepare();
        return true;
    }

    /**
     * What the window keeps beside the models belongs to a picture cleared (for a stream, or back from one): the last
     * run's summary, and a mend due on the other clock.
     */
    private void forgetBesideThePicture() {
        runs.lastSummaryProperty().set(null);
        reconcileDueMs = 0;
    }

    /** Whether the window draws a stream rather than its own pool. */
    public boolean isWatching() {
        return watch.isWatching();
    }

    /** Whether a soldier's Kill -9 reaches a real worker (the own pool's, or a source that can kill). */
    public boolean canKillWorkers() {
        return !watch.isWatching() || watch.canKill();
    }

    public void playReplay() {
        watch.play();
    }

    public void pauseReplay() {
        watch.pause();
    }

    /** Times faster than it happened, 1 to 100. */
    public void setReplaySpeed(double times) {
        watch.setSpeed(times);
    }

    /** How many times faster than it happened the replay plays. */
    public double replaySpeed() {
        return watch.replaySpeed();
    }

    /** Moves the replay to {@code offsetMs} after its first event. */
    public void seekReplay(long offsetMs) {
        watch.seekTo(offsetMs);
    }

    /** How long the replay runs, first event to last, in its own time; 0 when no replay plays. */
    public long replayLengthMs() {
        return watch.replayLengthMs();
    }

    public ReadOnlyLongProperty replayAtMsProperty() {
        return watch.replayAtMsProperty();
    }

    public ReadOnlyBooleanProperty replayPlayingProperty() {
        return watch.replayPlayingProperty();
    }

    /** What the window watches; null while it draws its own pool. */
    ReadOnlyObjectProperty<StreamSession.Watched> watchedProperty() {
        return watch.watchedProperty();
    }

    /** Whether the watched stream has ended. */
    public ReadOnlyBooleanProperty watchEndedProperty() {
        return watch.endedProperty();
    }

    /** Why the pool's controls do nothing for the stream watched; empty when they reach its pool. */
    public ReadOnlyStringProperty watchNoteProperty() {
        return watch.sourceNoteProperty();
    }

    /** What the picture says while a Python pool waits for a task it lost; empty otherwise. */
    public ReadOnlyStringProperty waitingForLostProperty() {
        return watch.waitingForLostProperty();
    }

    /** Why a soldier's Kill -9 reaches no worker of the stream watched; empty while it does. */
    public ReadOnlyStringProperty killRefusalProperty() {
        return watch.killRefusalProperty();
    }

    /** The name of what the window watches; empty while it draws its own pool. */
    public String watchedName() {
        return watch.name();
    }

    /** Whether the stream watched is a replay. */
    public boolean isReplay() {
        return watch.isReplay();
    }

    /** The picture's clock now: a replay's stream time, else the wall's. */
    private long pictureNow() {
        long now = wall.getAsLong();
        Long replay = watch == null ? null : watch.replayTime(now);
        return replay == null ? now : replay;
    }

    /** Stops the pool and its workers when the window closes. Blocks up to a few seconds. */
    public void shutdown() {
        shutDown = true;
        watch.stop();
        pump.stop();
        pools.shutdown();
    }

    public void exportCsv(Path file) throws IOException {
        exportCsv(file, false);
    }

    /** @param byteOrderMark whether the file starts with a UTF-8 byte-order mark (for spreadsheets) */
    public void exportCsv(Path file, boolean byteOrderMark) throws IOException {
        runs.exportCsv(file, byteOrderMark);
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

    /** The hosts file the next pool runs on (File → Hosts… edits it); null for this PC only. */
    public ObjectProperty<HostsFile> hostsFileProperty() {
        return settings.hostsFileProperty();
    }

    public StringProperty kindProperty() {
        return settings.kindProperty();
    }

    public StringProperty commandTemplateProperty() {
        return settings.commandTemplateProperty();
    }

    /** Tasks per message to a worker; 0 lets the engine choose (like Python's map). */
    /** Downloads from one web host at once (0: no limit), applied live. */
    public IntegerProperty maxPerHostProperty() {
        return settings.maxPerHostProperty();
    }

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

    /** How several files became the list (joined, or one input each); empty for a list from one source. */
    public ReadOnlyStringProperty listNoteProperty() {
        return lists.listNoteProperty();
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
    /** The web hosts whose downloads wait now, in words; empty while none does. */
    public ReadOnlyStringProperty hostPausesProperty() {
        return models.hostPauses().shownProperty();
    }

    /** Whether the pool runs on the hosts of the hosts file, whose counts set its workers, not the toolbar's. */
    public ReadOnlyBooleanProperty poolOnHostsProperty() {
        return pools.onHostsProperty();
    }

    /** The workers the pool is to have: the toolbar's number, or the hosts' counts for a pool on hosts. */
    public int plannedWorkers() {
        return poolOnHostsProperty().get() ? liveWorkersProperty().get() : poolSizeProperty().get();
    }

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

    /** Called on the FX thread with the files of each list read from files (File → Open recent keeps them). */
    public void setOnListFilesLoaded(Consumer<List<Path>> handler) {
        lists.setOnFilesLoaded(handler == null ? files -> { } : handler);
    }

    /** Called on the FX thread when a run ends, after {@link #lastSummaryProperty()} is set. */
    public void setOnRunFinished(Consumer<RunSummary> handler) {
        runs.setOnFinished(handler);
    }
}
