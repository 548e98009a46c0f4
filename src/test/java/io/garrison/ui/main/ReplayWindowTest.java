package io.garrison.ui.main;

import static io.garrison.ui.main.MainWindowUnderTest.fx;
import static io.garrison.ui.main.MainWindowUnderTest.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.geometry.Bounds;
import javafx.scene.input.ContextMenuEvent;
import javafx.stage.Window;
import javafx.scene.control.MenuBar;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * A saved run replayed in the real window, headless: the window's own workers leave, the watch bar stands in for
 * the toolbar, Pause holds the picture, the badge counts the stream's workers and says "closed" once they left,
 * and the way back stands the window's own soldiers up again.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(300)
class ReplayWindowTest {

    @TempDir
    Path dir;
    private MainWindowUnderTest window;
    private MainViewModel model;

    @Start
    void start(Stage stage) {
        window = new MainWindowUnderTest(stage, MainWindowUnderTest.preferences("io/garrison/ui-test"), 1200, 740);
        model = window.model;
        model.poolSizeProperty().set(2);
        model.loadTutorial();
        model.preparePool();
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        window.close();
    }

    @Test
    void aReplayTakesTheWindowPausesAndGivesItBack(FxRobot robot) throws Exception {
        waitFor(() -> model.liveWorkersProperty().get() == 2);
        List<Long> ownWorkers = fx(() -> model.pool().workerPids());
        Path saved = dir.resolve("run.jsonl");
        Files.write(saved, twoWorkersFourTasks());

        fx(() -> {
            model.replay(saved, 1);
            return null;
        });
        waitFor(() -> fx(() -> model.isWatching() && model.board().getTotal() >= 1));
        assertThat(visible(robot, "#watchBar")).isTrue();
        assertThat(visible(robot, "#start")).as("the toolbar is the window's own pool's").isFalse();
        assertThat(fx(() -> robot.lookup(".menu-bar").queryAs(MenuBar.class).getMenus().get(1).isDisable()))
                .as("the Run menu").isTrue();
        waitFor(() -> ownWorkers.stream().noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive)
                .orElse(false)));
        waitFor(() -> badge(robot).equals("Pool running \u00b7 2 of 2 workers"));
        assertThat(fx(() -> robot.lookup("#parade").query().lookupAll(".soldier").size())).isEqualTo(2);

        // The menu a right click asks for, asked as the OS would (headless robots may send no request).
        fx(() -> {
            Node soldier = robot.lookup("PID 501").queryAs(Label.class).getParent();
            Bounds b = soldier.localToScreen(soldier.getBoundsInLocal());
            soldier.fireEvent(new ContextMenuEvent(ContextMenuEvent.CONTEXT_MENU_REQUESTED, 10, 10,
                    b.getCenterX(), b.getCenterY(), false, null));
            return null;
        });
        MenuItem kill = fx(() -> Window.getWindows().stream().filter(ContextMenu.class::isInstance)
                .map(ContextMenu.class::cast).filter(Window::isShowing).findFirst().orElseThrow().getItems().get(0));
        assertThat(fx(kill::isDisable)).as("a replay's soldier cannot be killed").isTrue();
        assertThat(fx(kill::getText)).startsWith("Kill -9").contains("A replay reaches no pool");
        fx(() -> {
            List.copyOf(Window.getWindows()).stream().filter(ContextMenu.class::isInstance).forEach(Window::hide);
            return null;
        });

        robot.clickOn("#replayPlay");
        waitFor(() -> fx(() -> !model.replayPlayingProperty().get()));
        String held = fx(() -> robot.lookup("#replayTime").queryAs(Label.class).getText());
        int finished = fx(() -> model.board().getFinished());
        robot.sleep(600);
        assertThat(fx(() -> robot.lookup("#replayTime").queryAs(Label.class).getText())).isEqualTo(held);
        assertThat(fx(() -> model.board().getFinished())).isEqualTo(finished);

        robot.clickOn("#replayPlay");
        waitFor(() -> fx(() -> model.watchEndedProperty().get()));
        waitFor(() -> badge(robot).equals("Pool closed \u00b7 workers left"));
        assertThat(fx(() -> model.board().getSucceeded())).isEqualTo(3);
        assertThat(fx(() -> model.board().getFailed())).isEqualTo(1);
        assertThat(fx(() -> model.board().rows().get(3).getError())).isEqualTo("exit code 3");

        robot.clickOn("#stopWatching");
        waitFor(() -> fx(() -> !model.isWatching() && model.liveWorkersProperty().get() == 2));
        assertThat(visible(robot, "#start")).isTrue();
        assertThat(fx(() -> model.pool().workerPids())).doesNotContainAnyElementsOf(ownWorkers);
    }

    /**
     * Two workers, four tasks over about 6.5 s, one failing; then the pool closes. Long enough that the test's steps
     * before Pause, on a loaded machine, come well before the replay's end.
     */
    private static List<String> twoWorkersFourTasks() {
        long t = 1_800_000_000_000L;
        List<String> lines = new ArrayList<>();
        lines.add(event(t, "\"type\":\"worker-started\",\"pid\":501,\"host\":\":\",\"startupMs\":200"));
        lines.add(event(t + 5, "\"type\":\"worker-started\",\"pid\":502,\"host\":\":\",\"startupMs\":200"));
        for (int task = 0; task < 4; task++) {
            long pid = 501 + task % 2;
            long begin = t + 100 + task / 2 * 3200L;
            lines.add(event(begin, "\"type\":\"task-started\",\"task\":" + task + ",\"line\":" + (task + 1)
                    + ",\"input\":\"" + task + "\",\"pid\":" + pid + ",\"attempt\":1"));
            String end = task == 3
                    ? "\"type\":\"task-failed\",\"task\":3,\"line\":4,\"input\":\"3\",\"pid\":502,\"error\":\"exit code 3\","
                            + "\"exitValue\":3,\"elapsedMs\":2800,\"attempt\":1,\"cause\":\"task-error\""
                    : "\"type\":\"task-succeeded\",\"task\":" + task + ",\"line\":" + (task + 1) + ",\"input\":\""
                            + task + "\",\"pid\":" + pid + ",\"result\":\"ok\",\"elapsedMs\":2800";
            lines.add(event(begin + 2800, end));
        }
        lines.add(event(t + 6200, "\"type\":\"run-finished\",\"total\":4,\"succeeded\":3,\"failed\":1,\"skipped\":0,"
                + "\"elapsedMs\":6200"));
        lines.add(event(t + 6210, "\"type\":\"worker-exited\",\"pid\":501,\"host\":\":\",\"exitCode\":0,"
                + "\"expected\":true,\"reason\":\"the pool closed\""));
        lines.add(event(t + 6212, "\"type\":\"worker-exited\",\"pid\":502,\"host\":\":\",\"exitCode\":0,"
                + "\"expected\":true,\"reason\":\"the pool closed\""));
        return lines;
    }

    private static String event(long stampMs, String fields) {
        return "{" + fields + ",\"timestampMs\":" + stampMs + "}";
    }

    private static boolean visible(FxRobot robot, String query) throws Exception {
        return fx(() -> {
            for (Node node = robot.lookup(query).query(); node != null; node = node.getParent()) {
                if (!node.isVisible()) {
                    return false;
                }
            }
            return true;
        });
    }

    private static String badge(FxRobot robot) throws Exception {
        return fx(() -> robot.lookup(".pool-badge").queryAs(Label.class).getText());
    }
}
