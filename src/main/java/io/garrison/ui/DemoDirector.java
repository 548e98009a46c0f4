package io.garrison.ui;

import io.garrison.ui.i18n.I18n;
import io.garrison.ui.lessons.LessonsDemos;
import io.garrison.ui.main.MainView;
import io.garrison.ui.main.MainViewModel;
import io.garrison.ui.parade.SoldierState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javafx.util.Duration;
import javax.imageio.ImageIO;

/**
 * Runs a built-in demo for a class or for the docs: sets it up, starts it once the soldiers stand ready,
 * saves a picture of the window mid-run when asked, and quits when asked.
 *
 * <p>It prints its few lines on stderr ({@code garrison: saved ...}, the frame times at {@code --quit-after}), as
 * the command line does: they are what a user of {@code --demo} reads (README), not a library's reports.
 * FX thread.
 */
final class DemoDirector {

    /** The demo's pace: one chunk handed out every this many milliseconds, so a class can follow. */
    static final double SQUARES_PACE_MS = 800;
    /** {@code --demo lesson:KEY} opens the Lessons window on that lesson and plays it. */
    static final String LESSON_PREFIX = "lesson:";
    /** {@code --demo python:KEY} opens the Lessons window on that lesson and runs its Python program. */
    static final String LESSON_IN_PYTHON_PREFIX = "python:";
    static final int STRESS_TASKS = 20_000;
    static final int RECOVERY_TASKS = 15;
    private static final long RECOVERY_KILL_AFTER_MS = 1500;
    private static final long RECOVERY_PICTURE_AFTER_MS = 700;
    private static final long SCREENSHOT_FALLBACK_MS = 6000;
    private static final long PYTHON_KILL_AFTER_MS = 600;
    private static final long PYTHON_PICTURE_AFTER_MS = 3000;

    private final MainViewModel model;
    private final MainView view;
    private final Stage stage;
    private final AppArguments arguments;
    private final FrameStats frames = new FrameStats();
    private boolean started;
    private boolean recovery;
    private boolean pythonDemo;
    /** When the Python demo first had all five workers at work. */
    private long allWorkingAtMs;
    private boolean watching;
    private Stage pictured;
    private long killedAtMs;
    private boolean shot;
    private long startedAtMs;
    private PictureSelfCheck selfCheck;

    DemoDirector(MainViewModel model, MainView view, Stage stage, AppArguments arguments) {
        this.model = model;
        this.view = view;
        this.stage = stage;
        this.arguments = arguments;
    }

    /** Only the picture and the quitting, for the app as it opens (no demo). */
    void watchOnly() {
        started = true;
        startedAtMs = System.currentTimeMillis();
        model.parade().lag().reset();
        watching = true;
        model.addFrameHook(this::frame);
        model.keepFramesWhile(this::wantsFrames);
        arguments.screenshotAfterSeconds().ifPresent(seconds -> {
            PauseTransition wait = new PauseTransition(Duration.seconds(seconds));
            wait.setOnFinished(e -> takeScreenshot());
            wait.play();
        });
        scheduleQuit();
    }

    /** Starts the loaded list once the soldiers stand ready ({@code --start}), as a demo would. */
    void startWhenReady() {
        model.addFrameHook(this::frame);
        model.keepFramesWhile(this::wantsFrames);
        scheduleQuit();
    }

    void begin(String name) {
        if (name.startsWith(LESSON_PREFIX) || name.startsWith(LESSON_IN_PYTHON_PREFIX)) {
            // A lesson demo: its own window plays the lesson (or its Python program); the picture is of that window.
            watchOnly();
            boolean inPython = name.startsWith(LESSON_IN_PYTHON_PREFIX);
            String lesson = name.substring(inPython ? LESSON_IN_PYTHON_PREFIX.length() : LESSON_PREFIX.length());
            pictured = LessonsDemos.open(lesson, I18n.getLocale(), inPython);
            return;
        }
        if ("python".equals(name)) {
            // The tutorial's map in Python itself; one working soldier is killed: Python loses its task and waits.
            pythonDemo = true;
            started = true;
            startedAtMs = System.currentTimeMillis();
            model.watchPython(tutorialScript(), List.of());
            model.addFrameHook(this::frame);
            model.keepFramesWhile(this::wantsFrames);
            scheduleQuit();
            return;
        }
        if ("recovery".equals(name)) {
            // Five workers on slow tasks; one is killed mid-task: it falls, a new one marches in, its task is retried.
            recovery = true;
            model.poolSizeProperty().set(5);
            model.kindProperty().set("sleep");
            model.loadText("recovery", "2500\n".repeat(RECOVERY_TASKS));
        } else if ("stress".equals(name)) {
            // 64 workers on 20,000 short sleeps: well over 1,000 events a second, to check the window keeps up.
            model.poolSizeProperty().set(MainViewModel.MAX_POOL);
            model.kindProperty().set("sleep");
            model.loadText("stress", "50\n".repeat(STRESS_TASKS));
        } else {
            if (!"squares".equals(name)) {
                System.err.println("garrison: unknown demo '" + name + "', showing squares");
            }
            model.poolSizeProperty().set(5);
            model.paceMsProperty().set(SQUARES_PACE_MS);
            model.loadTutorial();
        }
        model.addFrameHook(this::frame);
        model.keepFramesWhile(this::wantsFrames);
        scheduleQuit();
    }

    /** The director watches each frame until its run starts, during a recovery demo and during the self-check. */
    private boolean wantsFrames() {
        return !started || recovery || pythonDemo || selfCheck != null;
    }

    private void scheduleQuit() {
        arguments.quitAfterSeconds().ifPresent(seconds -> {
            PauseTransition wait = new PauseTransition(Duration.seconds(seconds));
            wait.setOnFinished(e -> {
                // A slow machine may not have reached mid-run: a picture of where it got is better than none.
                takeScreenshot();
                System.err.println("garrison: " + frames.summary());
                selfCheck = new PictureSelfCheck(model, verdict -> {
                    System.err.println("garrison: " + verdict.line());
                    System.err.println("garrison: picture: the worst lag was of " + model.parade().lag().worst());
                    for (String detail : verdict.details()) {
                        System.err.println("garrison: picture: " + detail);
                    }
                    Platform.runLater(stage::close);
                });
                selfCheck.begin(System.currentTimeMillis());
                model.pump().wake();
            });
            wait.play();
        });
    }

    private void takeScreenshot() {
        if (!shot && arguments.screenshot().isPresent()) {
            shot = true;
            // After this pulse: the soldiers' own animation runs later in it, and the picture must show it.
            Platform.runLater(() -> save(arguments.screenshot().get()));
        }
    }

    private void frame() {
        long now = System.currentTimeMillis();
        if (selfCheck != null) {
            selfCheck.frame(now);
            return;
        }
        frames.frame(System.nanoTime());
        if (!started) {
            if (model.getPhase() == MainViewModel.Phase.READY && model.pool() != null
                    && model.liveWorkersProperty().get() >= model.pool().size()) {
                frames.reset();
                model.parade().lag().reset();
                started = true;
                startedAtMs = now;
                model.start();
            }
            return;
        }
        if (recovery) {
            recoveryFrame(now);
            return;
        }
        if (pythonDemo) {
            if (allWorkingAtMs == 0 && model.board().runningProperty().get() >= 5) {
                allWorkingAtMs = now;
            }
            if (killedAtMs == 0 && allWorkingAtMs != 0 && now - allWorkingAtMs > PYTHON_KILL_AFTER_MS) {
                // A soldier well into its square is killed from its soldier, as a class would.
                model.parade().soldiers().stream().filter(s -> s.getState() == SoldierState.WORKING).findFirst()
                        .ifPresent(victim -> {
                            killedAtMs = now;
                            model.killWorker(victim.getId());
                        });
            }
            // The picture is of the soldier falling, as soon as it is drawn falling (or a while after the kill).
            boolean falling = model.parade().soldiers().stream().anyMatch(s -> s.getState() == SoldierState.DEAD);
            if (killedAtMs != 0 && (falling || now - killedAtMs > PYTHON_PICTURE_AFTER_MS)) {
                takeScreenshot();
            }
            return;
        }
        if (watching) {
            return;
        }
        // Mid-run: cards in the queue and in the tray, and a soldier at work with its ring.
        boolean midRun = model.board().getFinished() >= 4 && model.queuedCountProperty().get() >= 2
                && model.parade().soldiers().stream().anyMatch(s -> s.getState() == SoldierState.WORKING);
        Optional<Double> at = arguments.screenshotAfterSeconds();
        if (at.isPresent() ? now - startedAtMs >= at.get() * 1000 : midRun || now - startedAtMs > SCREENSHOT_FALLBACK_MS) {
            takeScreenshot();
        }
    }

    /** Kills one working soldier once the run is under way, and takes the picture while it falls. */
    private void recoveryFrame(long now) {
        if (killedAtMs == 0 && now - startedAtMs > RECOVERY_KILL_AFTER_MS) {
            model.parade().soldiers().stream().filter(s -> s.getState() == SoldierState.WORKING).findFirst()
                    .ifPresent(victim -> {
                        killedAtMs = now;
                        model.killWorker(victim.getId());
                    });
        }
        if (killedAtMs != 0 && now - killedAtMs > RECOVERY_PICTURE_AFTER_MS) {
            takeScreenshot();
        }
    }

    /** The tutorial's map in Python, copied out of the jar for python3 to run. */
    private static Path tutorialScript() {
        try (var in = DemoDirector.class.getResourceAsStream("/python/tutorial_map.py")) {
            Path folder = Files.createTempDirectory("garrison-demo-python-");
            folder.toFile().deleteOnExit();
            Path script = folder.resolve("tutorial_map.py");
            Files.copy(in, script);
            script.toFile().deleteOnExit();
            return script;
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("the demo's Python program is missing from the jar", e);
        }
    }

    private void save(Path file) {
        view.parade().catchUp();
        WritableImage image = (pictured == null ? stage : pictured).getScene().snapshot(null);
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
            System.err.println("garrison: saved " + file.toAbsolutePath());
        } catch (IOException e) {
            System.err.println("garrison: could not save the screenshot " + file + ": " + e.getMessage());
        }
    }
}
