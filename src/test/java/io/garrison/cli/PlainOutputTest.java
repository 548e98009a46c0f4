package io.garrison.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.garrison.engine.FailureCause;
import io.garrison.engine.PoolEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PlainOutputTest {

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    @Test
    void resultsOfAnyTextAndSizeArriveWholeAndInOrderAcrossItsBuffer() {
        PlainOutput output = new PlainOutput(stdout, new PrintStream(stderr, true, StandardCharsets.UTF_8), false);
        StringBuilder expected = new StringBuilder();
        String[] results = {"平方 49", "🙂", "x".repeat(70_000), "", "lone \uD800 surrogate"};
        for (int i = 0; i < 20_000; i++) {
            String result = i % 1000 == 0 ? results[i / 1000 % results.length] : Integer.toString(i * i);
            output.onEvent(new PoolEvent.TaskSucceeded(0, i, i + 1, "", 1, result, 0, ""));
            expected.append(result).append('\n');
        }
        output.onIdle();
        assertThat(stdout.toString(StandardCharsets.UTF_8))
                .isEqualTo(new String(expected.toString().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
        assertThat(stderr.size()).isZero();
    }

    @Test
    void commandOutputsPrintAsTheyAreAndEverythingBeforeAFailureIsOutBeforeItsReason() {
        PrintStream err = new PrintStream(stderr, true, StandardCharsets.UTF_8);
        PlainOutput output = new PlainOutput(stdout, err, true);
        output.onEvent(new PoolEvent.TaskSucceeded(0, 0, 1, "a", 1, "first", 0, "first line\nsecond 行\n"));
        output.onEvent(new PoolEvent.TaskFailed(0, 1, 2, "b", 1, "exit code 3", 3, 0, 1, false, "partial\n"));
        assertThat(stdout.toString(StandardCharsets.UTF_8)).isEqualTo("first line\nsecond 行\npartial\n");
        assertThat(stderr.toString(StandardCharsets.UTF_8)).isEqualTo("line 2: exit code 3" + System.lineSeparator());
    }

    @Test
    void tasksAHaltLeftUnstartedAreCountedInOneLineAReasonWhenTheRunFinishesAndEveryOtherFailureKeepsItsLine() {
        PlainOutput output = new PlainOutput(stdout, new PrintStream(stderr, true, StandardCharsets.UTF_8), false);
        String halted = PoolEvent.TaskFailed.NOT_RUN + "halted after 1 failed task";
        output.onEvent(new PoolEvent.TaskFailed(0, 2, 3, "3", 41, "exit code 1", 1, 0, 1, false, ""));
        // A task that was running when the halt killed its worker did start: it keeps its own line.
        output.onEvent(new PoolEvent.TaskFailed(0, 3, 4, "4", 42, halted, -1, 0, 1, false, "", FailureCause.NOT_RUN));
        for (int task = 4; task < 100_000; task++) {
            output.onEvent(new PoolEvent.TaskFailed(0, task, task + 1, "x", 0, halted, -1, 0, 0, false, "",
                    FailureCause.NOT_RUN));
        }
        output.onEvent(new PoolEvent.TaskFailed(0, 100_000, 100_002, "y", 0,
                PoolEvent.TaskFailed.NOT_RUN + "the output was closed", -1, 0, 0, false, "", FailureCause.NOT_RUN));
        String n = System.lineSeparator();
        assertThat(stderr.toString(StandardCharsets.UTF_8))
                .as("nothing for unstarted tasks until the run ends").isEqualTo("line 3: exit code 1" + n + "line 4: " + halted + n);
        output.onEvent(new PoolEvent.RunFinished(0, 100_001, 0, 100_001, 0, 5));
        assertThat(stderr.toString(StandardCharsets.UTF_8)).isEqualTo("line 3: exit code 1" + n + "line 4: " + halted + n
                + "99996 tasks, the first on line 5: " + halted + n
                + "line 100002: not run: the output was closed" + n);
        assertThat(stdout.size()).isZero();
    }

    @Test
    void taggedOutputStartsEveryLineWithTheInputAndATabAsParallelsTagDoesAndLeavesReasonsUntagged() {
        PlainOutput output = new PlainOutput(stdout, new PrintStream(stderr, true, StandardCharsets.UTF_8), true, true);
        output.onEvent(new PoolEvent.TaskSucceeded(0, 0, 1, "a b", 1, "", 0, "x\n\ny"));
        output.onEvent(new PoolEvent.TaskSucceeded(0, 1, 2, "quiet", 1, "", 0, ""));
        output.onEvent(new PoolEvent.TaskFailed(0, 2, 3, "c", 1, "exit code 3", 3, 0, 1, false, "partial\n"));
        assertThat(stdout.toString(StandardCharsets.UTF_8)).isEqualTo("a b\tx\na b\t\na b\tyc\tpartial\n");
        assertThat(stderr.toString(StandardCharsets.UTF_8)).isEqualTo("line 3: exit code 3" + System.lineSeparator());
    }

    @Test
    void taggedResultsAreTheirInputATabAndTheResult() {
        PlainOutput output = new PlainOutput(stdout, new PrintStream(stderr, true, StandardCharsets.UTF_8), false, true);
        output.onEvent(new PoolEvent.TaskSucceeded(0, 0, 1, "3", 1, "9", 0, ""));
        output.onIdle();
        assertThat(stdout.toString(StandardCharsets.UTF_8)).isEqualTo("3\t9\n");
        assertThat(output.wantsSucceededInputs()).isTrue();
        assertThat(output.wantsSucceededRuns()).isFalse();
    }

    @Test
    void anInvalidLineThatNeverRanIsStillReportedOnItsOwnLine() {
        PlainOutput output = new PlainOutput(stdout, new PrintStream(stderr, true, StandardCharsets.UTF_8), false);
        output.onEvent(new PoolEvent.TaskFailed(0, 0, 7, "x", 0, "line 7: not an integer: \"x\"", -1, 0, 0, false, "",
                FailureCause.INVALID_LINE));
        assertThat(stderr.toString(StandardCharsets.UTF_8)).isEqualTo("line 7: not an integer: \"x\"" + System.lineSeparator());
    }
}
