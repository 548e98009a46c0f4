package io.garrison.ui.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import io.garrison.engine.PoolEvent;
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
        assertThat(board.invalidProperty().get()).isZero();
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
    void aMillionLineListBecomesRowsQuicklyAndTheQueuePictureStaysCheap() {
        StringBuilder text = new StringBuilder(7_000_000);
        for (int i = 0; i < 1_000_000; i++) {
            text.append(i).append('\n');
        }
        TaskList list = squares(text.toString());

        long start = System.nanoTime();
        board.load(list);
        long loadMs = (System.nanoTime() - start) / 1_000_000;
        start = System.nanoTime();
        for (int frame = 0; frame < 1000; frame++) {
            board.nextWaiting(24);
        }
        long queueMicros = (System.nanoTime() - start) / 1000 / 1000;

        System.out.printf("1,000,000 rows in %d ms; queue picture %d us a frame%n", loadMs, queueMicros);
        assertThat(board.getTotal()).isEqualTo(1_000_000);
        // Generous for a crowded test machine; on a quiet one this takes a few hundred ms.
        assertThat(loadMs).isLessThan(5_000);
        assertThat(queueMicros).isLessThan(2_000);
    }
}
