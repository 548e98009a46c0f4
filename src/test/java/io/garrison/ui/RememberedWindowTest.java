package io.garrison.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.prefs.Preferences;
import javafx.geometry.Dimension2D;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * The window's first size on the screen it opens on, headless: Monocle's screen (1280×800 unless
 * {@code headless.geometry} says otherwise), the window's bounds kept in a node of the test's own.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RememberedWindowTest {

    private static final WindowPlacement PLACEMENT =
            new WindowPlacement(new Dimension2D(1440, 900), new Dimension2D(800, 560));

    private Preferences node;

    @BeforeEach
    void freshSettings() throws Exception {
        node = Preferences.userRoot().node("io/garrison/ui-test/remembered-window");
        node.clear();
    }

    @AfterEach
    void forget() throws Exception {
        node.removeNode();
    }

    @Test
    void theWindowsFirstSizeFitsTheScreenItOpensOn(FxRobot robot) {
        Stage stage = show(robot);
        try {
            Rectangle2D screen = visualBounds(robot);
            Rectangle2D window = bounds(robot, stage);

            assertThat(window.getWidth()).isEqualTo(Math.min(1440, Math.floor(screen.getWidth() * 0.9)));
            assertThat(window.getHeight()).isEqualTo(Math.min(900, Math.floor(screen.getHeight() * 0.9)));
            assertThat(screen.contains(window)).as("%s inside %s", window, screen).isTrue();
            assertThat(window.getMinX() - screen.getMinX()).isEqualTo(Math.floor((screen.getWidth() - window.getWidth()) / 2));
            assertThat(stage.getMinWidth()).isEqualTo(Math.min(800, screen.getWidth()));
        } finally {
            robot.interact(stage::close);
        }
    }

    /** Run by the build's small-screen execution, which gives Monocle a 1024×768 screen. */
    @Test
    @EnabledIfSystemProperty(named = "headless.geometry", matches = "1024x768.*")
    void onA1024By768ScreenTheWindowsFirstSizeIs921By691Centred(FxRobot robot) {
        Stage stage = show(robot);
        try {
            assertThat(visualBounds(robot)).isEqualTo(new Rectangle2D(0, 0, 1024, 768));
            assertThat(bounds(robot, stage)).isEqualTo(new Rectangle2D(51, 38, 921, 691));
        } finally {
            robot.interact(stage::close);
        }
    }

    @Test
    void closingKeepsThePlaceAndSizeAndTheNextWindowOpensThere(FxRobot robot) {
        Stage first = show(robot);
        robot.interact(() -> {
            first.setX(30);
            first.setY(20);
            first.setWidth(900);
            first.setHeight(600);
            first.close();
        });

        assertThat(new RememberedWindow(node, "test", PLACEMENT).saved()).contains(new Rectangle2D(30, 20, 900, 600));
        Stage second = show(robot);
        try {
            assertThat(bounds(robot, second)).isEqualTo(new Rectangle2D(30, 20, 900, 600));
        } finally {
            robot.interact(second::close);
        }
    }

    @Test
    void aKeptSizeSmallerThanTheWindowsMinimumIsNotUsed(FxRobot robot) {
        // What GTK under openbox once left and the app then kept.
        node.putDouble("test.x", 2);
        node.putDouble("test.y", 51);
        node.putDouble("test.width", 200);
        node.putDouble("test.height", 200);
        Stage stage = show(robot);
        try {
            Rectangle2D screen = visualBounds(robot);
            Rectangle2D window = bounds(robot, stage);

            assertThat(window.getWidth()).isEqualTo(Math.min(1440, Math.floor(screen.getWidth() * 0.9)));
            assertThat(screen.contains(window)).isTrue();
        } finally {
            robot.interact(stage::close);
        }
    }

    @Test
    void aWindowClosedSmallerThanItsMinimumIsNotKept(FxRobot robot) throws Exception {
        Stage stage = show(robot);
        node.clear();
        robot.interact(() -> {
            stage.setMinWidth(0);
            stage.setMinHeight(0);
            stage.setWidth(200);
            stage.setHeight(200);
            stage.close();
        });

        assertThat(new RememberedWindow(node, "test", PLACEMENT).saved()).isEmpty();
    }

    private Stage show(FxRobot robot) {
        AtomicReference<Stage> stage = new AtomicReference<>();
        robot.interact(() -> {
            Stage window = new Stage();
            window.setScene(new Scene(new StackPane()));
            new RememberedWindow(node, "test", PLACEMENT).place(window, null);
            window.show();
            stage.set(window);
        });
        return stage.get();
    }

    private static Rectangle2D bounds(FxRobot robot, Stage stage) {
        AtomicReference<Rectangle2D> bounds = new AtomicReference<>();
        robot.interact(() -> bounds.set(new Rectangle2D(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight())));
        return bounds.get();
    }

    private static Rectangle2D visualBounds(FxRobot robot) {
        AtomicReference<Rectangle2D> bounds = new AtomicReference<>();
        robot.interact(() -> bounds.set(Screen.getPrimary().getVisualBounds()));
        return bounds.get();
    }
}
