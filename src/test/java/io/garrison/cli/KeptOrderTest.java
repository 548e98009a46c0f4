package io.garrison.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.garrison.engine.FailureCause;
import io.garrison.engine.PoolEvent;
import io.garrison.engine.PoolListener;
import io.garrison.engine.TaskRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeptOrderTest {

    /** What the output was handed, as "task:kind" or the event's type. */
    private final List<String> handed = new ArrayList<>();
    private final PoolListener output = event -> handed.add(describe(event));
    private final KeptOrder kept = new KeptOrder(output);

    @Test
    void aTaskThatEndsEarlyWaitsForEveryEarlierOneAndThenGoesOnWithTheOnesBehindIt() {
        kept.onEvent(succeeded(2));
        kept.onEvent(succeeded(1));
        assertThat(handed).isEmpty();
        kept.onEvent(succeeded(0));
        assertThat(handed).containsExactly("0:ok", "1:ok", "2:ok");
        kept.onEvent(succeeded(3));
        assertThat(handed).containsExactly("0:ok", "1:ok", "2:ok", "3:ok");
    }

    @Test
    void failuresAndTasksThatNeverRanTakeTheirPlaceWhileARetriedAttemptIsNoOutcomeYet() {
        kept.onEvent(failed(1, false, FailureCause.TASK_ERROR));
        kept.onEvent(failed(0, true, FailureCause.TASK_ERROR));
        kept.onEvent(failed(2, false, FailureCause.NOT_RUN));
        assertThat(handed).containsExactly("0:retry");
        kept.onEvent(succeeded(0));
        assertThat(handed).containsExactly("0:retry", "0:ok", "1:failed", "2:failed");
    }

    @Test
    void tasksTheJoblogShowsDoneAreNotWaitedFor() {
        TaskRun.Skip skip = kept.watching(TaskRun.Skip.indices(Set.of(0, 1, 3, 4, 5)));
        for (int index = 0; index < 7; index++) {
            skip.skips(index, index + 1, "x");
        }
        kept.onEvent(succeeded(6));
        kept.onEvent(succeeded(2));
        assertThat(handed).containsExactly("2:ok", "6:ok");
    }

    @Test
    void whatIsStillHeldWhenTheRunFinishesGoesOutInOrderBeforeTheEnd() {
        kept.onEvent(succeeded(5));
        kept.onEvent(succeeded(3));
        kept.onEvent(new PoolEvent.RunFinished(0, 6, 2, 0, 0, 1));
        assertThat(handed).containsExactly("3:ok", "5:ok", "RunFinished");
    }

    @Test
    void noSkipStaysNoSkip() {
        assertThat(kept.watching(TaskRun.Skip.NONE)).isSameAs(TaskRun.Skip.NONE);
    }

    private static PoolEvent succeeded(int task) {
        return new PoolEvent.TaskSucceeded(0, task, task + 1, "", 1, Integer.toString(task), 0, "");
    }

    private static PoolEvent failed(int task, boolean willRetry, FailureCause cause) {
        return new PoolEvent.TaskFailed(0, task, task + 1, "", 1, "no", 1, 0, 1, willRetry, "", cause);
    }

    private static String describe(PoolEvent event) {
        if (event instanceof PoolEvent.TaskSucceeded done) {
            return done.task() + ":ok";
        }
        if (event instanceof PoolEvent.TaskFailed failed) {
            return failed.task() + (failed.willRetry() ? ":retry" : ":failed");
        }
        return event.getClass().getSimpleName();
    }
}
