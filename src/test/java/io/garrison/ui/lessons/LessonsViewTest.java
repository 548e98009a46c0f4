package io.garrison.ui.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import io.garrison.lessons.LessonId;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.css.PseudoClass;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Lessons 1, 5 and 7 played through the panel with a robot, headless, on real processes. */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class LessonsViewTest {

    private static final int WAIT_SECONDS = 60;
    private LessonsViewModel model;

    @Start
    void start(Stage stage) {
        model = new LessonsViewModel(Locale.ENGLISH);
        stage.setScene(new Scene(new LessonsView(model), 1200, 760));
        stage.show();
    }

    @AfterEach
    void close() {
        model.close();
    }

    @Test
    void mapRunsOnFiveSoldiersAndPrintsTheSquares(FxRobot robot) throws Exception {
        // given the first lesson, at full speed
        robot.interact(() -> ((MapLessonViewModel) model.lesson(LessonId.MAP)).workMsProperty().set(0));

        // when
        clickOnShown(robot, "#lesson-run");

        // then
        WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, () -> outputContains(robot, "[1, 4, 9, 16, 25, 36, 49, 64, 81, 100]"));
        WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, () -> soldiers(robot, "") == 5);
        assertThat(robot.lookup(".parade-ground").tryQuery()).isPresent();
        assertThat(robot.lookup(".worker-card-pid").queryAllAs(Label.class)).allMatch(l -> l.getText().matches("PID \\d+"));
        // "Details" on a lesson's soldier opens the same process details as in the main window.
        io.garrison.ui.parade.ParadeGround parade = robot.lookup(".parade-ground").queryAs(io.garrison.ui.parade.ParadeGround.class);
        assertThat(parade.getOnDetails()).isNotNull();
        // Tall enough for its columns: it once shrank to its header and the worker cards covered its trays.
        assertThat(parade.getHeight()).isGreaterThanOrEqualTo(200);
    }

    @Test
    void raceShowsLostUpdatesWithoutTheLockAndNoneWithIt(FxRobot robot) throws Exception {
        // given
        RaceLessonViewModel race = (RaceLessonViewModel) model.lesson(LessonId.RACE);
        robot.interact(() -> {
            race.incrementsProperty().set(100_000);
            model.selectedProperty().set(race);
        });

        // when
        clickOnShown(robot, "#lesson-run");

        // then
        WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, () -> robot.lookup("#race-lost-locked").tryQuery().isPresent());
        assertThat(robot.lookup("#race-lost-locked").queryAs(Label.class).getText()).isEqualTo("0");
        long lost = Long.parseLong(robot.lookup("#race-lost-unlocked").queryAs(Label.class).getText());
        assertThat(lost).isBetween(0L, 300_000L);
    }

    @Test
    void aDeadSoldierLosesTheTaskInPythonModeAndNotInGarrisonMode(FxRobot robot) throws Exception {
        // given Python's mode with a short patience
        DeadWorkerLessonViewModel dead = (DeadWorkerLessonViewModel) model.lesson(LessonId.DEAD_WORKER);
        robot.interact(() -> {
            dead.patienceSecondsProperty().set(3);
            model.selectedProperty().set(dead);
        });

        // when
        clickOnShown(robot, "#lesson-run");

        // then the countdown shows, a soldier is dead, and the app gives up by itself
        WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, () -> robot.lookup("#lesson-countdown").query().isVisible());
        WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, () -> !dead.isRunning());
        // The lesson ends with terminate(), which does not wait for the dead soldier's event to reach the board.
        WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, () -> soldiers(robot, "dead") > 0);
        assertThat(outputContains(robot, "map would have waited forever")).isTrue();

        // when Garrison's mode
        clickOnShown(robot, "#lesson-mode-garrison");
        assertThat(dead.modeProperty().get()).isEqualTo(io.garrison.lessons.DeadWorkerLesson.Mode.GARRISON);
        clickOnShown(robot, "#lesson-run");

        // then the task is retried and map returns
        try {
            WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, () -> outputContains(robot, "map returned every result"));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("output: " + dead.output() + " running " + dead.isRunning(), e);
        }
    }

    @Test
    void stepMakesOneCallAtATimeAndMarksTheNextOne(FxRobot robot) throws Exception {
        // given the apply_async lesson
        ApplyAsyncLessonViewModel steps = (ApplyAsyncLessonViewModel) model.lesson(LessonId.APPLY_ASYNC);
        robot.interact(() -> model.selectedProperty().set(steps));
        assertThat(robot.lookup("#lesson-next-call").queryAs(Label.class).getText()).endsWith("pool = Pool(3)");

        // when every call is made with Step
        for (int call = 0; call < 6; call++) {
            WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, () -> !steps.isRunning());
            clickOnShown(robot, "#lesson-step");
            if (call == 1) {
                // then, after apply_async, two soldiers work while nobody waits
                WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, () -> soldiers(robot, "busy") == 2);
            }
        }

        // then the program has ended, get() returned both squares and join() left no worker
        WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, () -> !steps.isRunning());
        assertThat(outputContains(robot, "[9, 16]")).isTrue();
        assertThat(outputContains(robot, "join() returned")).isTrue();
        assertThat(robot.lookup("#lesson-next-call").queryAs(Label.class).getText()).contains("ended");
    }

    @Test
    void theLanguageSwitchesTheWholePanel(FxRobot robot) {
        robot.interact(() -> model.localeProperty().set(Locale.SIMPLIFIED_CHINESE));

        assertThat(robot.lookup("#lesson-run").queryAs(Button.class).getText()).isEqualTo("\u25B6 运行");
        assertThat(robot.lookup(".lesson-title").queryAs(Label.class).getText()).isEqualTo("1. pool.map");
    }

    /**
     * Scrolls the lesson so the control shows, and clicks it: on a laptop's screen the programs above it fill the
     * window, as a user who scrolls down to Run sees.
     */
    private static void clickOnShown(FxRobot robot, String query) {
        robot.interact(() -> {
            Node control = robot.lookup(query).query();
            ScrollPane page = robot.lookup(".lesson-scroll").queryAs(ScrollPane.class);
            Node content = page.getContent();
            Bounds bounds = content.sceneToLocal(control.localToScene(control.getBoundsInLocal()));
            double hidden = content.getBoundsInLocal().getHeight() - page.getViewportBounds().getHeight();
            if (hidden > 0) {
                page.setVvalue(Math.max(0, Math.min(1, (bounds.getMinY() - 20) / hidden)));
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(query);
    }

    /** Counts soldier cards (with the pseudo-class, unless empty) on the FX thread, where the board changes. */
    private static long soldiers(FxRobot robot, String pseudoClass) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> robot.lookup(".worker-card").queryAll().stream()
                .filter(n -> pseudoClass.isEmpty()
                        || n.getPseudoClassStates().contains(PseudoClass.getPseudoClass(pseudoClass)))
                .count()).get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** Reads the output on the FX thread, which changes it while lessons run. */
    private boolean outputContains(FxRobot robot, String text) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            LessonsBundle texts = new LessonsBundle(model.localeProperty().get());
            ListView<?> output = robot.lookup("#lesson-output").queryAs(ListView.class);
            return output.getItems().stream().map(line -> texts.text((LogLine) line)).anyMatch(l -> l.contains(text));
        }).get(WAIT_SECONDS, TimeUnit.SECONDS);
    }
}
