package io.garrison.ui.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import io.garrison.engine.PoolEvent;
import io.garrison.task.TaskKinds;
import io.garrison.task.TaskListParser;
import io.garrison.task.TaskOptions;
import io.garrison.ui.i18n.I18n;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.beans.binding.Binding;
import javafx.scene.Scene;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The task table over the compact board: every task reachable, filtered by status, updated live. */
@ExtendWith(ApplicationExtension.class)
@Timeout(120)
class TaskTableViewTest {

    private static final int TASKS = 300_000;

    private final TaskBoard board = new TaskBoard();
    private TaskTableView view;

    @Start
    void start(Stage stage) {
        I18n.setLocale(Locale.ENGLISH);
        view = new TaskTableView(board);
        stage.setScene(new Scene(view, 900, 400));
        stage.show();
    }

    @Test
    void givenABigListWhenScrolledToTheEndThenTheLastTaskShows(FxRobot robot) throws Exception {
        // given
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < TASKS; i++) {
            text.append(i).append('\n');
        }
        text.append("oops\n");
        var list = new TaskListParser(TaskKinds.require("square"), TaskOptions.none()).parse(text.toString());
        fx(() -> {
            board.load(list);
            return null;
        });

        // when: (the table estimates row heights as it goes, so it takes a second look to land exactly)
        for (int look = 0; look < 2; look++) {
            fx(() -> {
                view.table().scrollTo(TASKS);
                return null;
            });
            WaitForAsyncUtils.waitForFxEvents();
        }

        // then
        assertThat(fx(() -> view.table().getItems().size())).isEqualTo(TASKS + 1);
        assertThat(shownTexts(robot)).contains(String.valueOf(TASKS - 1), "oops");
    }

    @Test
    void givenAFilterWhenTasksChangeStateThenTheTableFollowsAtItsNextRefresh(FxRobot robot) throws Exception {
        // given: three tasks, the table showing running ones only
        var list = new TaskListParser(TaskKinds.require("square"), TaskOptions.none()).parse("1\n2\n3\n");
        fx(() -> {
            board.load(list);
            view.filter().setValue(TaskStatus.RUNNING);
            return null;
        });
        assertThat(fx(() -> view.table().getItems().size())).isZero();

        // when: two start, one of them succeeds
        fx(() -> {
            board.apply(List.of(new PoolEvent.TaskStarted(1_000, 0, 1, "1", 4242, 1),
                    new PoolEvent.TaskStarted(1_001, 2, 3, "3", 4243, 1),
                    new PoolEvent.TaskSucceeded(1_010, 0, 1, "1", 4242, "1", 9, "")));
            view.refresh(Long.MAX_VALUE / 2);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();

        // then
        assertThat(fx(() -> view.table().getItems())).extracting(TaskRow::getIndex).containsExactly(2);
        assertThat(shownTexts(robot)).contains("4243", I18n.get("ui.status.running"));

        // when: the filter is cleared
        fx(() -> {
            view.filter().setValue(null);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();

        // then: every task, the finished one with its result and worker
        assertThat(fx(() -> view.table().getItems().size())).isEqualTo(3);
        assertThat(shownTexts(robot)).contains("4242", I18n.get("ui.status.succeeded"));
    }

    @Test
    void givenAFailedFilterWhenAnotherListLoadsThenEveryTaskOfTheNewListShows() throws Exception {
        // given: a run failed one task and the table shows failed tasks only
        var first = new TaskListParser(TaskKinds.require("square"), TaskOptions.none()).parse("1\nx\n");
        fx(() -> {
            board.load(first);
            board.apply(List.of(new PoolEvent.TaskFailed(1_000, 1, 2, "x", 0, "line 2: not an integer", 0, 0, 0,
                    false, "")));
            view.filter().setValue(TaskStatus.FAILED);
            view.refresh(Long.MAX_VALUE / 2);
            return null;
        });
        assertThat(fx(() -> view.table().getItems())).extracting(TaskRow::getIndex).containsExactly(1);

        // when
        var second = new TaskListParser(TaskKinds.require("square"), TaskOptions.none()).parse("5\n6\n7\n");
        fx(() -> {
            board.load(second);
            return null;
        });

        // then: the filter went with the list it was chosen for
        assertThat(fx(() -> view.filter().getValue())).isNull();
        assertThat(fx(() -> view.table().getItems())).extracting(TaskRow::getInput).containsExactly("5", "6", "7");
    }

    @Test
    void givenShownRowsWhenATaskChangesStateThenItsCellsFollowAtTheNextRefreshAndInTheChosenLanguage(FxRobot robot)
            throws Exception {
        // given
        var list = new TaskListParser(TaskKinds.require("square"), TaskOptions.none()).parse("1\n2\n");
        fx(() -> {
            board.load(list);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(shownTexts(robot)).doesNotContain("4242");

        // when: a task starts and succeeds, and the table ticks
        fx(() -> {
            board.apply(List.of(new PoolEvent.TaskStarted(1_000, 1, 2, "2", 4242, 1),
                    new PoolEvent.TaskSucceeded(1_010, 1, 2, "2", 4242, "4", 9, "")));
            view.refresh(Long.MAX_VALUE / 2);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();

        // then
        assertThat(shownTexts(robot)).contains("4242", "4", I18n.get("ui.status.succeeded"));

        // when: the language changes
        fx(() -> {
            I18n.setLocale(Locale.SIMPLIFIED_CHINESE);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();

        // then
        assertThat(shownTexts(robot)).contains(I18n.get(Locale.SIMPLIFIED_CHINESE, "ui.status.succeeded"));
    }

    @Test
    void theValuesAColumnHandsItsCellsDoNotListenToTheTable() throws Exception {
        // A value is made each time a cell shows a row: one that listened to the table's tick stayed registered
        // until collected, and the next tick had to remove thousands of them.
        var list = new TaskListParser(TaskKinds.require("square"), TaskOptions.none()).parse("1\n");
        Object value = fx(() -> {
            board.load(list);
            TableColumn<TaskRow, ?> status = view.table().getColumns().get(3);
            return status.getCellValueFactory().call(
                    new TableColumn.CellDataFeatures<>(view.table(), (TableColumn) status, view.table().getItems().get(0)));
        });

        assertThat(value).isNotInstanceOf(Binding.class);
    }

    @Test
    void rowsHaveOneFixedHeightThatFitsTheirChineseText() throws Exception {
        // given: the app's stylesheet, and rows whose status is written in Chinese
        var list = new TaskListParser(TaskKinds.require("square"), TaskOptions.none()).parse("1\n2\n3\n");
        double fixed = fx(() -> {
            I18n.setLocale(Locale.SIMPLIFIED_CHINESE);
            view.getScene().getStylesheets().add(TaskTableView.class.getResource("/css/garrison.css").toExternalForm());
            board.load(list);
            view.table().applyCss();
            return view.table().getFixedCellSize();
        });

        // when: the table measures its rows itself
        double measured = fx(() -> {
            view.table().setFixedCellSize(-1);
            view.table().refresh();
            view.table().layout();
            return view.table().lookupAll(".table-row-cell").stream()
                    .mapToDouble(row -> row.getLayoutBounds().getHeight()).max().orElse(0);
        });

        // then: a fixed height spares the table measuring rows as they change, and cuts none of them off
        assertThat(measured).isPositive();
        assertThat(fixed).isGreaterThanOrEqualTo(measured);
    }

    private static List<String> shownTexts(FxRobot robot) {
        return robot.lookup(".table-cell").queryAllAs(TableCell.class).stream()
                .filter(cell -> cell.isVisible() && cell.getText() != null)
                .map(cell -> cell.getText())
                .toList();
    }

    private static <T> T fx(Callable<T> action) throws Exception {
        return WaitForAsyncUtils.asyncFx(action).get(30, TimeUnit.SECONDS);
    }
}
