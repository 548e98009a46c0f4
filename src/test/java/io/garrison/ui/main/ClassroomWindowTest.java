package io.garrison.ui.main;

import static io.garrison.ui.main.MainWindowUnderTest.fx;
import static io.garrison.ui.main.MainWindowUnderTest.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import io.garrison.ui.parade.Soldier;
import java.util.List;
import java.util.Optional;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The main window as a class sees it on a 1024x768 projector, headless (Monocle), on real worker processes: every
 * control in reach, PIDs readable from the back in presentation mode, the banner clear of the soldiers, and a
 * paused run followed one task per F10.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(300)
class ClassroomWindowTest {

    /** What the back of a classroom reads on a projector, in pixels of the window. */
    private static final double READABLE_PX = 18;

    private MainWindowUnderTest window;
    private MainViewModel model;
    private MainView view;

    @Start
    void start(Stage stage) {
        AppPreferences preferences = MainWindowUnderTest.preferences("io/garrison/ui-test-classroom");
        preferences.savePresentation(false);
        window = new MainWindowUnderTest(stage, preferences, 1024, 768);
        model = window.model;
        view = window.view;
        model.preparePool();
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        window.close();
    }

    @Test
    void at1024PixelsEveryToolbarControlIsInTheWindowAndTheBannerLeavesThePidsClear(FxRobot robot) throws Exception {
        fx(() -> {
            model.loadTutorial();
            return null;
        });
        waitFor(() -> model.getPhase() == MainViewModel.Phase.READY && liveSoldiers() == 5);
        waitForLayout();

        for (String id : List.of("#poolSize", "#kind", "#chunk", "#output", "#outputChange", "#load", "#start",
                "#pause", "#step", "#close", "#terminate", "#pace", "#paceValue")) {
            Bounds bounds = sceneBounds(robot, id);
            assertThat(fx(() -> robot.lookup(id).query().isVisible())).as(id + " shown").isTrue();
            assertThat(bounds.getMinX()).as(id + " left edge").isGreaterThanOrEqualTo(0);
            assertThat(bounds.getMaxX()).as(id + " right edge, in a 1024 window").isLessThanOrEqualTo(1024);
            assertThat(bounds.getWidth()).as(id + " not squeezed away").isGreaterThan(10);
        }
        Bounds banner = sceneBounds(robot, ".parade-message");
        assertThat(fx(() -> robot.lookup(".parade-message").queryAs(Label.class).getText())).startsWith("Ready");
        for (Label pid : pidLabels(robot)) {
            assertThat(fx(() -> pid.localToScene(pid.getLayoutBounds())).intersects(banner))
                    .as(pid.getText() + " under the banner").isFalse();
        }
        Bounds status = sceneBounds(robot, ".garrison-status");
        assertThat(status.getMaxY()).as("the status bar within the window").isLessThanOrEqualTo(768);
    }

    @Test
    void presentationModeFromTheViewMenuWritesPidsLargeEnoughForTheBackOfTheRoom(FxRobot robot) throws Exception {
        waitFor(() -> liveSoldiers() == 5);
        waitForLayout();
        double before = settledPidSize(robot);

        // Straight down into the menu first: a diagonal from "View" to its item crosses "Lessons", which opens.
        robot.clickOn("View").moveBy(0, 30).clickOn("Presentation (big type for a projector)");
        waitFor(() -> view.getStyleClass().contains("presentation"));
        waitForLayout();

        double presented = settledPidSize(robot);
        assertThat(presented).as("PID size on screen, px").isGreaterThanOrEqualTo(READABLE_PX)
                .isGreaterThan(before * 1.3);
        Bounds parade = sceneBounds(robot, "#parade");
        for (Label pid : pidLabels(robot)) {
            assertThat(parade.contains(fx(() -> pid.localToScene(pid.getLayoutBounds()))))
                    .as(pid.getText() + " inside the parade ground").isTrue();
        }

        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.P).release(KeyCode.P, KeyCode.SHIFT, KeyCode.CONTROL);
        waitFor(() -> !view.getStyleClass().contains("presentation"));
        waitForLayout();
        assertThat(settledPidSize(robot)).as("back to the normal size").isEqualTo(before);
    }

    @Test
    void theLessonsWindowFollowsPresentationModeForTheSameProjector(FxRobot robot) throws Exception {
        fx(() -> {
            view.presentation().setOn(true);
            return null;
        });

        robot.clickOn("Lessons").clickOn("Python multiprocessing lessons...");
        waitFor(() -> lessonsWindow().isPresent());
        Parent lessons = fx(() -> lessonsWindow().orElseThrow().getScene().getRoot());

        assertThat(fx(() -> lessons.getStyleClass().contains("presentation"))).isTrue();
        fx(() -> {
            view.presentation().setOn(false);
            return null;
        });
        assertThat(fx(() -> lessons.getStyleClass().contains("presentation"))).as("and leaves it with the app")
                .isFalse();
        fx(() -> {
            lessonsWindow().ifPresent(Window::hide);
            return null;
        });
    }

    private static Optional<Stage> lessonsWindow() throws Exception {
        return fx(() -> Window.getWindows().stream()
                .filter(w -> w instanceof Stage s && s.getTitle() != null && s.getTitle().contains("Lessons"))
                .map(Stage.class::cast).findFirst());
    }

    @Test
    void whilePausedEachF10HandsOutExactlyOneTask(FxRobot robot) throws Exception {
        fx(() -> {
            model.pausedProperty().set(true);
            model.loadTutorial();
            return null;
        });
        waitFor(() -> model.getPhase() == MainViewModel.Phase.READY && liveSoldiers() == 5);
        robot.clickOn("#start");
        waitFor(() -> model.getPhase() == MainViewModel.Phase.RUNNING && model.pool().queuedTasks() == 10);

        robot.push(KeyCode.F10);
        waitFor(() -> fx(() -> model.board().getSucceeded()) == 1);
        assertThat(model.pool().queuedTasks()).as("paused: the other nine wait").isEqualTo(9);

        robot.clickOn("#step");
        waitFor(() -> fx(() -> model.board().getSucceeded()) == 2);
        assertThat(model.pool().queuedTasks()).isEqualTo(8);
        assertThat(fx(() -> model.pausedProperty().get())).as("still paused").isTrue();

        fx(() -> {
            model.pausedProperty().set(false);
            return null;
        });
        waitFor(() -> model.getPhase() == MainViewModel.Phase.FINISHED);
        assertThat(fx(() -> model.board().getSucceeded())).isEqualTo(10);
    }

    /** The height of a PID's type as the window draws it: its font scaled with its soldier. */
    /**
     * The PID size once the parade has stopped rearranging: soldiers still joining or a layout still to come change
     * the grid's scale, so it is read until two frames in a row agree.
     */
    private double settledPidSize(FxRobot robot) throws Exception {
        double last = -1;
        for (int frame = 0; frame < 200; frame++) {
            WaitForAsyncUtils.waitForFxEvents();
            waitForLayout();
            double now = shownPidSize(robot);
            if (now == last) {
                return now;
            }
            last = now;
        }
        return last;
    }

    private double shownPidSize(FxRobot robot) throws Exception {
        Label pid = pidLabels(robot).get(0);
        return fx(() -> pid.getFont().getSize() * pid.getLocalToSceneTransform().getMyy());
    }

    private List<Label> pidLabels(FxRobot robot) throws Exception {
        return fx(() -> robot.lookup(".soldier-pid").queryAllAs(Label.class).stream().toList());
    }

    private static Bounds sceneBounds(FxRobot robot, String query) throws Exception {
        return fx(() -> {
            Node node = robot.lookup(query).query();
            return node.localToScene(node.getLayoutBounds());
        });
    }

    private long liveSoldiers() throws Exception {
        return fx(() -> model.parade().soldiers().stream().filter(s -> !s.getState().isGone()).map(Soldier::getPid)
                .count());
    }

    /** Styles and lays the window out now, as the next pulse would: what is measured is what will be drawn. */
    private void waitForLayout() throws Exception {
        fx(() -> {
            view.applyCss();
            view.layout();
            return null;
        });
    }

}
