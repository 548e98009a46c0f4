package io.garrison.ui.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import io.garrison.lessons.LessonId;
import io.garrison.testing.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Lessons window at the sizes it opens at on small screens (90% of 1024×768 and of 1280×720, less the window
 * manager's title bar): every line of code whole, every control inside the window, the soldiers' PIDs readable.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class LessonsLayoutTest {

    /** The smallest PID a room reads from its back rows, in pixels as drawn. */
    private static final double READABLE_PX = 12;
    private static final double SMALL_WIDTH = 919;
    private static final double SMALL_HEIGHT = 666;
    private static final double WIDE_WIDTH = 1150;
    private static final double WIDE_HEIGHT = 623;

    private LessonsViewModel model;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        model = new LessonsViewModel(Locale.ENGLISH);
        stage.setScene(new Scene(new LessonsView(model)));
        // The stage is the same for every test; each starts at the small size, where the last one may have left
        // it larger. At the screen's corner: a window reaching past Monocle's screen overflows its painter.
        place(stage, SMALL_WIDTH, SMALL_HEIGHT);
        stage.show();
    }

    @AfterEach
    void close() {
        model.close();
    }

    @Test
    void onA1024By768ScreenTheLessonsAreChosenAboveAndEveryLineOfCodeIsWhole(FxRobot robot) {
        assertThat(view(robot).narrow()).isTrue();
        for (LessonId id : LessonId.values()) {
            show(robot, id);

            assertThat(programs(robot).linesWhole()).as("%s's code unwrapped", id).isTrue();
            assertThat(overflowing(robot)).as("%s's controls inside the pane", id).isEmpty();
        }
    }

    @Test
    void onA1280By720ScreenTheListStaysBesideAndEveryLineOfCodeIsWhole(FxRobot robot) {
        resize(robot, WIDE_WIDTH, WIDE_HEIGHT);

        assertThat(view(robot).narrow()).isFalse();
        for (LessonId id : LessonId.values()) {
            show(robot, id);

            assertThat(programs(robot).linesWhole()).as("%s's code unwrapped", id).isTrue();
            assertThat(overflowing(robot)).as("%s's controls inside the pane", id).isEmpty();
        }
    }

    @Test
    void onA1024By768ScreenFiveSoldiersPidsAreReadable(FxRobot robot) {
        assertPidsReadableWhileMapRuns(robot);
    }

    @Test
    void onA1280By720ScreenFiveSoldiersPidsAreReadable(FxRobot robot) {
        resize(robot, WIDE_WIDTH, WIDE_HEIGHT);

        assertPidsReadableWhileMapRuns(robot);
    }

    private void assertPidsReadableWhileMapRuns(FxRobot robot) {
        MapLessonViewModel map = (MapLessonViewModel) model.lesson(LessonId.MAP);
        // Slow enough that the five soldiers stand on the field for a few seconds.
        robot.interact(() -> {
            map.workMsProperty().set(1000);
            map.run();
        });
        AtomicReference<Double> smallest = new AtomicReference<>(0.0);
        Await.await("five soldiers with PIDs drawn at " + READABLE_PX + " px or more", () -> {
            Optional<Double> px = fx(() -> smallestPid(robot));
            px.ifPresent(smallest::set);
            return px.filter(size -> size >= READABLE_PX).isPresent();
        }, Duration.ofSeconds(60));

        assertThat(smallest.get()).isGreaterThanOrEqualTo(READABLE_PX);
    }

    /** The smallest PID's font size as drawn (its label's size times the soldier's scale), once five are on parade. */
    private static Optional<Double> smallestPid(FxRobot robot) {
        List<Label> pids = robot.lookup(".lesson-parade .soldier-pid").queryAllAs(Label.class).stream()
                .filter(Node::isVisible).toList();
        if (pids.size() < 5) {
            return Optional.empty();
        }
        return pids.stream().map(label -> {
            Bounds drawn = label.localToScene(label.getBoundsInLocal());
            return label.getFont().getSize() * drawn.getHeight() / label.getBoundsInLocal().getHeight();
        }).min(Double::compare);
    }

    /** The lesson pane's controls (the parade's own drawing aside) that reach past its right edge, or its left. */
    private static List<String> overflowing(FxRobot robot) {
        return fx(() -> {
            LessonPane pane = robot.lookup(".lesson-pane").queryAs(LessonPane.class);
            Bounds inside = pane.localToScene(pane.getLayoutBounds());
            List<String> outside = new ArrayList<>();
            collectOutside(pane, inside, outside);
            return outside;
        });
    }

    private static void collectOutside(Parent parent, Bounds inside, List<String> outside) {
        for (Node child : parent.getChildrenUnmodifiable()) {
            if (!child.isVisible() || child.getStyleClass().contains("parade-ground")) {
                continue;
            }
            if (child instanceof Control) {
                Bounds drawn = child.localToScene(child.getLayoutBounds());
                if (drawn.getMaxX() > inside.getMaxX() + 0.5 || drawn.getMinX() < inside.getMinX() - 0.5) {
                    outside.add(child + " at " + drawn);
                }
            } else if (child instanceof Parent inner) {
                collectOutside(inner, inside, outside);
            }
        }
    }

    private void show(FxRobot robot, LessonId id) {
        robot.interact(() -> model.selectedProperty().set(model.lesson(id)));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void resize(FxRobot robot, double width, double height) {
        robot.interact(() -> place(stage, width, height));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void place(Stage stage, double width, double height) {
        stage.setX(0);
        stage.setY(0);
        stage.setWidth(width);
        stage.setHeight(height);
    }

    private static LessonsView view(FxRobot robot) {
        return robot.lookup(".lessons-view").queryAs(LessonsView.class);
    }

    private static LessonPrograms programs(FxRobot robot) {
        return robot.lookup(".lesson-code").queryAs(LessonPrograms.class);
    }

    private static <T> T fx(java.util.concurrent.Callable<T> call) {
        try {
            return WaitForAsyncUtils.asyncFx(call).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
