package io.garrison.ui.lessons;

import io.garrison.python.PythonInterpreter;
import io.garrison.python.PythonOutcome;
import io.garrison.python.PythonRun;
import io.garrison.python.PythonUnavailableException;
import io.garrison.python.ScriptLaunch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.garrison.engine.PoolEvent;
import io.garrison.engine.PoolListener;
import io.garrison.lessons.LessonId;
import io.garrison.ui.event.FrameEventPump;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * What every lesson's view model shares: a Run that plays the lesson on real processes in the background, the
 * board of the pool's soldiers, and the output lines.
 *
 * <p>Threading: properties and lists change only on the FX thread, inside {@link #tick()}; lesson threads and
 * the pool's event thread {@link UiQueue#post post} their updates. Tests tick by hand and may pass a
 * current-thread executor, so {@link #run()} returns when the lesson has finished.
 */
public abstract class LessonViewModel implements AutoCloseable {

    /**
     * How long a lesson's Python program may wait for a task its pool lost before it is stopped: Python's pool
     * waits for ever, and a class has seen the point after a few seconds.
     */
    static final Duration PYTHON_PATIENCE = Duration.ofSeconds(12);

    private final LessonId id;
    private final Executor background;
    private final UiQueue queue = new UiQueue();
    private final WorkerBoard board = new WorkerBoard();
    private final LessonParade parade = new LessonParade();
    // The app's one bridge from the engine: the panel's frame timer drains it through tick(), not its own timer.
    private final FrameEventPump events = new FrameEventPump(this::apply, () -> { });
    private final ObservableList<LogLine> output = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running", false);
    /** The lesson's Python program while it runs, so closing the lesson stops it. */
    private volatile PythonRun pythonRun;

    protected LessonViewModel(LessonId id, Executor background) {
        this.id = id;
        this.background = background;
    }

    /** Which lesson this is. */
    public LessonId id() {
        return id;
    }

    /** The workers of the lesson's pool, as the panel draws them. */
    public WorkerBoard board() {
        return board;
    }

    /** The same workers on the app's parade ground. */
    public LessonParade parade() {
        return parade;
    }

    /**
     * Kills one of this lesson's workers with SIGKILL, as a class may ask from a soldier's menu: the pool's
     * answer (a replacement, a retry, or in Python's mode a lost task) then becomes part of the lesson.
     *
     * @return false if the PID is not one of this lesson's live workers
     */
    public boolean killWorker(long pid) {
        boolean ours = board.find(pid).filter(s -> s.getState() == Soldier.State.IDLE
                || s.getState() == Soldier.State.BUSY).isPresent();
        return ours && ProcessHandle.of(pid).map(ProcessHandle::destroyForcibly).orElse(false);
    }

    /** The output of the last run, in the order it happened. */
    public ObservableList<LogLine> output() {
        return output;
    }

    public boolean isRunning() {
        return running.get();
    }

    /** True from {@link #run()} until the lesson has finished, failed or been stopped. */
    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** Plays the lesson on real processes, unless it is already playing. FX thread. */
    public void run() {
        if (begin(true)) {
            launch(this::play);
        }
    }

    /**
     * Runs the lesson's own Python program with the machine's {@code python3} and Garrison's probe, unless the lesson
     * is already playing: Python's real workers stand as the soldiers, the program's own output is the output, and a
     * soldier killed is a Python worker killed. FX thread.
     */
    public void runInPython() {
        if (begin(true)) {
            launch(this::playInPython);
        }
    }

    private void playInPython() throws Exception {
        PythonInterpreter python;
        try {
            python = PythonInterpreter.find();
        } catch (PythonUnavailableException e) {
            say("lessons.python.missing", e.getMessage());
            return;
        }
        Path folder = Files.createTempDirectory("garrison-lesson-python-");
        try {
            Path script = folder.resolve(id.key().replace('-', '_') + ".py");
            Files.writeString(script, LessonTexts.python(id));
            say("lessons.python.running", python.version(), script.getFileName());
            PythonRun run = PythonRun.start(python, ScriptLaunch.of(script, List.of()).withPatience(PYTHON_PATIENCE),
                    boardListener(), line -> say("lessons.python.line", line.text()));
            pythonRun = run;
            PythonOutcome outcome;
            try {
                outcome = run.awaitOutcome();
            } finally {
                pythonRun = null;
            }
            switch (outcome.ending()) {
                case EXITED -> say("lessons.python.exited", outcome.exitCode());
                case STOPPED -> say("lessons.python.stopped");
                case STOPPED_AFTER_PATIENCE -> say("lessons.python.hung", outcome.lostTasks(),
                        PYTHON_PATIENCE.toSeconds());
            }
        } finally {
            try (var files = Files.list(folder)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(folder);
        }
    }

    /** Work a lesson does in the background. */
    @FunctionalInterface
    protected interface Play {
        void play() throws Exception;
    }

    /**
     * Marks the lesson running. FX thread.
     *
     * @param fresh clear the board and output, and {@link #prepare()}, for a new run
     * @return false if it is already running
     */
    protected final boolean begin(boolean fresh) {
        if (running.get()) {
            return false;
        }
        running.set(true);
        if (fresh) {
            board.clear();
            output.clear();
            prepare();
            parade.clear(workers());
        }
        return true;
    }

    /** Runs {@code work} on the background executor; the lesson stops running when it returns or throws. */
    protected final void launch(Play work) {
        try {
            background.execute(() -> played(work));
        } catch (RejectedExecutionException e) {
            // The panel is closing: nothing will run, so nothing is running.
            running.set(false);
        }
    }

    /** Runs on the background executor: plays, reports how it ended, and hands the end to the FX thread. */
    private void played(Play work) {
        try {
            work.play();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            say("lessons.output.stopped");
        } catch (Exception e) {
            say("lessons.output.error", e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            queue.post(() -> {
                finished();
                running.set(false);
            });
        }
    }

    /** Applies queued updates and lets the lesson poll what it shows live. Once per frame, FX thread. */
    public void tick() {
        queue.drain();
        if (events.drain() == 0) {
            // No events this frame: the parade's soldiers still walk on.
            parade.apply(List.of(), System.currentTimeMillis());
        }
        onFrame();
    }

    /** One frame's batch of the pool's events, in engine order. FX thread. */
    private void apply(List<PoolEvent> batch) {
        batch.forEach(board::apply);
        parade.apply(batch, System.currentTimeMillis());
    }

    /** Queues an update for the FX thread. Any thread. */
    protected final void post(Runnable update) {
        queue.post(update);
    }

    /** Adds an output line, from any thread. */
    protected final void say(String key, Object... args) {
        LogLine line = LogLine.of(key, args);
        queue.post(() -> output.add(line));
    }

    /** A listener that queues the pool's events for the board; the next frame applies them. */
    protected final PoolListener boardListener() {
        return events;
    }

    /** The size of the pool the next run uses (known after {@link #prepare()}). */
    protected abstract int workers();

    /** Resets lesson-specific state for a new run. FX thread. */
    protected void prepare() {
    }

    /** Plays the lesson. Runs on the background executor; report through {@link #say} and {@link #post}. */
    protected abstract void play() throws Exception;

    /** After {@link #play()} returned or threw. FX thread. */
    protected void finished() {
    }

    /** Polls live state once per frame. FX thread. */
    protected void onFrame() {
    }

    /** Stops what the lesson started: its Python program, if one runs. Subclasses that start more add to it. */
    @Override
    public void close() {
        PythonRun run = pythonRun;
        if (run != null) {
            run.stop();
        }
    }
}
