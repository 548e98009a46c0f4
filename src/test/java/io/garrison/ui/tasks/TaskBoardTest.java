package io.garrison.ui.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import io.garrison.engine.PoolEvent;
import io.garrison.engine.WorkerId;
import io.garrison.task.TaskKinds;
import io.garrison.task.TaskList;
import io.garrison.task.TaskListParser;
import io.garrison.task.TaskOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskBoardTest {

    private final TaskBoard board = new TaskBoard();

    private static TaskList squares(String text) {
        return new TaskListParser(TaskKinds.require("square"), TaskOptions.none()).parse(text);
    }

    @Test
    void invalidLinesStayAsRowsWithTheirReason() {
        board.load(squares("1\n# comment\nseven\n3\n"));

        assertThat(board.rows()).hasSize(3);
        assertThat(board.rows().get(1).getStatus()).isEqualTo(TaskStatus.INVALID);
        assertThat(board.rows().get(1).getLine()).isEqualTo(3);
        assertThat(board.rows().get(1).getError()).startsWith("line 3:");
        assertThat(board.invalidProperty().get()).isEqualTo(1);
        assertThat(board.waitingProperty().get()).isEqualTo(2);
    }

    @Test
    void eventsMoveTasksThroughTheirStatusesAndCounts() {
        board.load(squares("1\n2\nx\n"));
        long before = board.versionProperty().get();

        board.apply(List.of(
                new PoolEvent.TaskStarted(1000, 0, 1, "1", 42, 1),
                new PoolEvent.TaskStarted(1001, 1, 2, "2", 43, 1),
                new PoolEvent.TaskSucceeded(1010, 0, 1, "1", 42, "1", 10, ""),
                new PoolEvent.TaskFailed(1011, 1, 2, "2", 43, "worker 43 died", -9, 10, 1, true, ""),
                new PoolEvent.TaskFailed(1012, 2, 3, "x", 0, "line 3: not an integer", 0, 0, 0, false, "")));

        assertThat(board.versionProperty().get()).isGreaterThan(before);
        TaskRow first = board.rows().get(0);
        assertThat(first.getStatus()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(first.getPid()).isEqualTo(42);
        assertThat(first.getResult()).isEqualTo("1");
        assertThat(board.rows().get(1).getStatus()).as("a retried task goes back to the queue")
                .isEqualTo(TaskStatus.WAITING);
        assertThat(board.rows().get(2).getStatus()).isEqualTo(TaskStatus.FAILED);
        assertThat(board.getSucceeded()).isEqualTo(1);
        assertThat(board.getFailed()).isEqualTo(1);
        assertThat(board.waitingProperty().get()).isEqualTo(1);
        assertThat(board.runningProperty().get()).isZero();
        assertThat(board.invalidProperty().get()).as("the invalid line the run failed is still the list's")
                .isEqualTo(1);
        assertThat(board.nextWaiting(5)).extracting(TaskRow::getInput).containsExactly("2");
    }

    @Test
    void resetForRunKeepsInvalidLinesAndClearsResults() {
        board.load(squares("1\nx\n"));
        board.apply(List.of(new PoolEvent.TaskSucceeded(1, 0, 1, "1", 7, "1", 0, "")));

        board.resetForRun();

        assertThat(board.rows().get(0).getStatus()).isEqualTo(TaskStatus.WAITING);
        assertThat(board.rows().get(0).getResult()).isNull();
        assertThat(board.rows().get(1).getStatus()).isEqualTo(TaskStatus.INVALID);
        assertThat(board.getSucceeded()).isZero();
    }

    @Test
    void eventsOfOtherSubmissionsAreIgnored() {
        board.load(squares("1\n"));
        board.apply(List.of(new PoolEvent.TaskStarted(1, 99, 0, "9", 7, 1)));
        assertThat(board.runningProperty().get()).isZero();
    }

    @Test
    void aMillionLineListHoldsNoObjectPerTask() {
        StringBuilder text = new StringBuilder(7_000_000);
        for (int i = 0; i < 1_000_000; i++) {
            text.append(i).append('\n');
        }
        TaskList list = squares(text.toString());

        board.load(list);

        assertThat(board.getTotal()).isEqualTo(1_000_000);
        assertThat(board.rows()).hasSize(1_000_000);
        assertThat(board.rows().get(999_999).getInput()).isEqualTo("999999");
        assertThat(board.rows().get(999_999)).as("rows are made on demand, equal when they show the same task")
                .isEqualTo(board.rows().get(999_999)).isNotSameAs(board.rows().get(999_999));
        assertThat(board.nextWaiting(24)).hasSize(24).extracting(TaskRow::getIndex).startsWith(0, 1, 2);
    }

    @Test
    void rowsKeepReadingTheListTheyCameFromAndAReloadIsOneReplacement() {
        board.load(squares("1\n2\n3\n"));
        TaskRow old = board.rows().get(2);
        TaskRow oldFirst = board.rows().get(0);
        List<String> changes = new java.util.ArrayList<>();
        board.rows().addListener((javafx.collections.ListChangeListener<TaskRow>) c -> {
            while (c.next()) {
                changes.add(c.getFrom() + ".." + c.getTo() + " replaced " + c.getRemovedSize());
            }
        });

        board.load(squares("9\n"));

        assertThat(changes).containsExactly("0..1 replaced 3");
        assertThat(old.getInput()).isEqualTo("3");
        assertThat(board.rows().get(0).getInput()).isEqualTo("9");
        assertThat(board.rows().get(0)).as("the same index of another list is another task").isNotEqualTo(oldFirst);
    }

    @Test
    void aTaskOnAnotherHostIsNamedByItsHostAndPidAndOneOnThisMachineByItsPidAlone() {
        board.load(squares("1\n2\n"));
        long start = 1_700_000_000_123L;

        board.apply(List.of(
                new PoolEvent.TaskStarted(start, 0, 1, "1", 4242, 1),
                new PoolEvent.TaskStarted(start, 1, 2, "2", 4242, 1, "lab-pc-07"),
                new PoolEvent.TaskSucceeded(start + 9, 1, 2, "2", 4242, "4", 9, "", "lab-pc-07")));

        assertThat(board.rows().get(0).getHost()).isEqualTo(WorkerId.LOCAL);
        assertThat(board.rows().get(0).getWorker()).isEqualTo("4242");
        assertThat(board.rows().get(1).getHost()).isEqualTo("lab-pc-07");
        assertThat(board.rows().get(1).getWorker()).isEqualTo("lab-pc-07 \u00b7 4242");
    }

    @Test
    void progressTimesAndAttemptsAreKeptPerTask() {
        board.load(squares("1\n2\n"));
        long start = 1_700_000_000_123L;

        board.apply(List.of(
                new PoolEvent.TaskStarted(start, 1, 2, "2", 4_000_001, 3),
                new PoolEvent.TaskProgress(start + 5, 1, 2, 4_000_001, 40, 100)));

        TaskRow row = board.rows().get(1);
        assertThat(row.getStartMs()).isEqualTo(start);
        assertThat(row.getPid()).isEqualTo(4_000_001);
        assertThat(row.getAttempt()).isEqualTo(3);
        assertThat(row.getDurationMs()).isEqualTo(-1);
        assertThat(row.getProgressDone()).isEqualTo(40);
        assertThat(row.getProgressTotal()).isEqualTo(100);
        assertThat(board.rows().get(0).getStartMs()).isZero();
        assertThat(board.rows().get(0).getDurationMs()).isEqualTo(-1);

        board.apply(List.of(new PoolEvent.TaskSucceeded(start + 2_000, 1, 2, "2", 4_000_001, "4", 2_000, "out")));

        assertThat(row.getDurationMs()).isEqualTo(2_000);
        assertThat(row.getOutput()).isEqualTo("out");
        assertThat(row.getProgressDone()).isZero();
        assertThat(row.getStartMs()).isEqualTo(start);
    }
}
