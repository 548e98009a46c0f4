package io.garrison.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.garrison.engine.FailureCause;
import io.garrison.engine.PoolEvent;
import io.garrison.stream.BadEventLine;
import io.garrison.stream.JsonEventReader;
import io.garrison.stream.StreamTruth;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code --json} writes reads back as the events the engine emitted, the failed attempt of a retry included. */
class JsonEventRoundTripTest {

    @Test
    void theEventsAStreamCarriesReadBackAsTheEngineEmittedThem() throws Exception {
        List<PoolEvent> emitted = List.of(
                new PoolEvent.WorkerStarted(1000, 11, 200),
                new PoolEvent.WorkerStarted(1001, 22, 210, "lab"),
                new PoolEvent.TaskStarted(1010, 0, 1, "a", 11, 1),
                new PoolEvent.TaskStarted(1011, 1, 2, "b", 22, 1, "lab"),
                new PoolEvent.TaskProgress(1012, 1, 2, 22, 5, 10, "lab"),
                new PoolEvent.TaskFailed(1020, 0, 1, "a", 11, "worker died: killed by signal 9", 137, 10, 1, true, "",
                        FailureCause.WORKER_DIED),
                new PoolEvent.WorkerExited(1021, 11, 137, false, "killed by signal 9"),
                new PoolEvent.WorkerStarted(1030, 33, 190),
                new PoolEvent.TaskStarted(1031, 0, 1, "a", 33, 2),
                new PoolEvent.TaskSucceeded(1040, 0, 1, "a", 33, "A", 9, "printed\n"),
                new PoolEvent.TaskSucceeded(1041, 1, 2, "b", 22, "B", 30, "", "lab"),
                new PoolEvent.TaskFailed(1042, 2, 3, "c", 0, "not run: halted after 1 failed task", 0, 0, 0, false,
                        "", FailureCause.NOT_RUN),
                new PoolEvent.RunFinished(1050, 3, 2, 1, 0, 50),
                new PoolEvent.WorkerExited(1060, 22, 0, true, "the pool closed", "lab"),
                new PoolEvent.WorkerExited(1061, 33, 0, true, "the pool closed"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonEventWriter writer = new JsonEventWriter(out);
        emitted.forEach(writer::onEvent);
        writer.onIdle();

        JsonEventReader reader = new JsonEventReader();
        List<PoolEvent> read = new ArrayList<>();
        StreamTruth truth = new StreamTruth();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            for (PoolEvent event : reader.read(line)) {
                read.add(event);
                truth.apply(event);
            }
        }

        // The failed attempt comes back just before its retry, stamped with it: the stream says it only there.
        PoolEvent.TaskFailed failedAttempt = new PoolEvent.TaskFailed(1031, 0, 1, "a", 11,
                "worker died: killed by signal 9", 0, 0, 1, true, "", FailureCause.WORKER_DIED);
        List<PoolEvent> expected = new ArrayList<>(emitted);
        expected.remove(5);
        expected.add(7, failedAttempt);
        assertThat(read).containsExactlyElementsOf(expected);
        assertThat(read.get(11)).isInstanceOfSatisfying(PoolEvent.TaskFailed.class, e -> assertThat(e.notRun()).isTrue());

        assertThat(truth.succeeded()).isEqualTo(2);
        assertThat(truth.failed()).isEqualTo(1);
        assertThat(truth.total()).isEqualTo(3);
        assertThat(truth.liveWorkers()).isZero();
        assertThat(truth.poolEnded()).isTrue();
    }

    @Test
    void aLineThatIsNotAnEventIsNamedWithItsNumberAndReason() throws Exception {
        JsonEventReader reader = new JsonEventReader();
        assertThat(reader.read("")).isEmpty();
        assertThat(reader.read("{\"type\":\"queue-drawn\",\"timestampMs\":1}")).as("a newer type is skipped").isEmpty();
        assertThat(reader.skippedEvents()).isEqualTo(1);
        assertThatThrownBy(() -> reader.read("garrison: 3 tasks failed")).isInstanceOf(BadEventLine.class)
                .hasMessageStartingWith("line 3: not JSON");
        assertThatThrownBy(() -> reader.read("{\"type\":\"task-started\",\"timestampMs\":5,\"task\":0}"))
                .isInstanceOf(BadEventLine.class)
                .hasMessage("line 4: a task-started event needs a whole number \"pid\"");
        assertThatThrownBy(() -> reader.read("[1,2]")).isInstanceOf(BadEventLine.class)
                .hasMessageContaining("line 5: not an event");
    }
}
