package io.garrison.ui.main;

import static io.garrison.ui.main.MainWindowUnderTest.fx;
import static io.garrison.ui.main.MainWindowUnderTest.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import io.garrison.ui.i18n.I18n;
import io.garrison.ui.parade.Soldier;
import io.garrison.ui.tasks.TaskRow;
import io.garrison.ui.tasks.TaskStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.input.ContextMenuEvent;
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
 * The real window on real worker processes, headless (Monocle). Lists arrive the way a user gives them
 * (a dropped file through the drop handler, File > Open's loader); soldiers are checked against the
 * pool's own PIDs; a worker is killed from its soldier's context menu.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(300)
class MainWindowTest {

    @TempDir
    Path dir;

    private MainWindowUnderTest window;
    private MainViewModel model;
    private MainView view;

    @Start
    void start(Stage stage) {
        // Within the headless screen (1280x800): a bigger window makes Monocle's painter overflow its buffer.
        window = new MainWindowUnderTest(stage, MainWindowUnderTest.preferences("io/garrison/ui-test"), 1200, 740);
        model = window.model;
        view = window.view;
        model.poolSizeProperty().set(3);
        model.preparePool();
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        window.close();
    }

    @Test
    void givenADroppedFileWhenStartedThenSoldiersAreTheWorkersAndTheRunEndsWithANotificationAndAnExport(FxRobot robot)
            throws Exception {
        List<String> sheetsBefore = fx(() -> List.copyOf(view.getScene().getStylesheets()));
        // given: a list with one bad line, dropped on the window
        Path list = dir.resolve("squares.txt");
        Files.writeString(list, IntStream.rangeClosed(1, 20).mapToObj(Integer::toString)
                .collect(Collectors.joining("\n", "", "\noops\n")));
        fx(() -> view.drops().accept(List.of(list.toFile()), null, null));
        waitFor(() -> model.getPhase() == MainViewModel.Phase.READY && model.board().getTotal() == 21);
        TaskRow bad = fx(() -> view.tasks().table().getItems().get(20));
        assertThat(bad.getStatus()).isEqualTo(TaskStatus.INVALID);
        assertThat(bad.getError()).startsWith("line 21:");

        // then: one soldier per worker process, labelled with the pool's own PIDs
        waitFor(() -> model.pool() != null && liveSoldierPids().size() == 3
                && liveSoldierPids().equals(new HashSet<>(model.pool().workerPids())));
        for (long pid : model.pool().workerPids()) {
            assertThat(present(robot, "PID " + pid)).isTrue();
        }

        // when
        robot.clickOn("#start");
        waitFor(() -> model.getPhase() == MainViewModel.Phase.FINISHED);

        // then
        assertThat(fx(() -> model.board().getSucceeded())).isEqualTo(20);
        assertThat(fx(() -> model.board().getFailed())).isEqualTo(1);
        assertThat(fx(() -> view.getLastNotification())).contains("20 succeeded, 1 failed of 21");
        waitFor(() -> present(robot, ".notification-bar"));
        // The notification brought no stylesheet of its own: a new one would restyle every node of the window at once.
        assertThat(fx(() -> List.copyOf(view.getScene().getStylesheets()))).isEqualTo(sheetsBefore);
        Path csv = dir.resolve("results.csv");
        fx(() -> {
            view.exportTo("csv", csv);
            return null;
        });
        assertThat(Files.readAllLines(csv)).hasSize(22).element(21).asString().contains("failed").contains("line 21:");
    }

    @Test
    void givenARunningPoolWhenASoldierIsKilledFromItsMenuThenAReplacementMarchesInAndItsTaskIsRetried(FxRobot robot)
            throws Exception {
        // given: slow tasks, so a task is surely running when its worker is killed
        Path list = dir.resolve("sleeps.txt");
        Files.writeString(list, "3000\n".repeat(9));
        fx(() -> {
            model.kindProperty().set("sleep");
            model.loadFile(list);
            return null;
        });
        waitFor(() -> model.getPhase() == MainViewModel.Phase.READY && model.board().getTotal() == 9
                && liveSoldierPids().size() == 3);
        robot.clickOn("#start");
        waitFor(() -> runningRow().isPresent());
        long victim = runningRow().orElseThrow().getPid();

        // when: kill -9 from the soldier's context menu
        Node soldier = fx(() -> robot.lookup("PID " + victim).queryAs(Label.class).getParent());
        robot.rightClickOn(soldier);
        String killText = "Kill -9 this worker (PID " + victim + ")";
        if (!present(robot, killText)) {
            // Some headless robots send no menu request for a right click: ask for the menu as the OS would.
            fx(() -> {
                Bounds b = soldier.localToScreen(soldier.getBoundsInLocal());
                soldier.fireEvent(new ContextMenuEvent(ContextMenuEvent.CONTEXT_MENU_REQUESTED, 10, 10,
                        b.getCenterX(), b.getCenterY(), false, null));
                return null;
            });
        }
        waitFor(() -> present(robot, killText));
        robot.clickOn(killText);

        // then: it is gone from the pool, a new worker takes its place, its task runs again elsewhere
        waitFor(() -> !model.pool().workerPids().contains(victim) && model.pool().workerPids().size() == 3);
        waitFor(() -> liveSoldierPids().equals(new HashSet<>(model.pool().workerPids())));
        waitFor(() -> retriedRow().isPresent());
        TaskRow retried = retriedRow().orElseThrow();

        // when: the pool grows mid-run
        fx(() -> {
            robot.lookup("#poolSize").queryAs(Spinner.class).getValueFactory().setValue(5);
            return null;
        });
        waitFor(() -> model.pool().workerPids().size() == 5 && liveSoldierPids().size() == 5);

        // then: everything is done, the killed worker's task included
        waitFor(() -> model.getPhase() == MainViewModel.Phase.FINISHED);
        assertThat(fx(() -> model.board().getSucceeded())).isEqualTo(9);
        assertThat(retried.getStatus()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(retried.getPid()).isNotEqualTo(victim);
    }

    @Test
    void givenTheMainWindowWhenLessonsAreChosenFromTheMenuThenTheLessonsWindowOpens(FxRobot robot) throws Exception {
        robot.clickOn("Lessons").clickOn("Python multiprocessing lessons...");

        waitFor(() -> fx(() -> javafx.stage.Window.getWindows().stream()
                .anyMatch(w -> w instanceof Stage s && s.getTitle() != null && s.getTitle().contains("Lessons"))));
        fx(() -> {
            javafx.stage.Window.getWindows().stream()
                    .filter(w -> w instanceof Stage s && s.getTitle() != null && s.getTitle().contains("Lessons"))
                    .toList().forEach(javafx.stage.Window::hide);
            return null;
        });
    }

    @Test
    void givenEnglishWhenChineseIsChosenFromTheLanguageMenuThenTheWindowSpeaksChinese(FxRobot robot) throws Exception {
        try {
            robot.clickOn("Language").clickOn(I18n.get("ui.language.zh"));

            waitFor(() -> fx(() -> I18n.getLocale().equals(Locale.SIMPLIFIED_CHINESE)));
            assertThat(fx(() -> robot.lookup("#start").queryButton().getText())).as("the Start button")
                    .isEqualTo("\u25b6 \u5f00\u59cb");
            assertThat(present(robot, "\u4efb\u52a1")).as("the Tasks tab reads 任务").isTrue();
        } finally {
            fx(() -> {
                I18n.setLocale(Locale.ENGLISH);
                return null;
            });
        }
    }

    private Optional<TaskRow> runningRow() throws Exception {
        return fx(() -> model.board().rows().stream().filter(r -> r.getStatus() == TaskStatus.RUNNING).findFirst());
    }

    private Optional<TaskRow> retriedRow() throws Exception {
        return fx(() -> model.board().rows().stream().filter(r -> r.getAttempt() >= 2).findFirst());
    }

    private Set<Long> liveSoldierPids() throws Exception {
        return fx(() -> model.parade().soldiers().stream().filter(s -> !s.getState().isGone())
                .map(Soldier::getPid).collect(Collectors.toSet()));
    }

    /** Looks a node up on the FX thread: the scene changes every frame while soldiers move. */
    private static boolean present(FxRobot robot, String query) throws Exception {
        return fx(() -> robot.lookup(query).tryQuery().isPresent());
    }

}
