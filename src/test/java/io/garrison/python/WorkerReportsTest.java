package io.garrison.python;

import static org.assertj.core.api.Assertions.assertThat;

import io.garrison.engine.FailureCause;
import io.garrison.engine.PoolEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reports of the script's and its workers' connections, made one story per worker; no processes here. */
class WorkerReportsTest {

    private static final long SCRIPT = 100;
    private static final long WORKER = 201;

    private final WorkerReports reports = new WorkerReports();

    @Test
    void aWorkersStartCountsOnceWhoeverSaysItFirst() {
        PoolEvent.WorkerStarted byScript = new PoolEvent.WorkerStarted(1, WORKER, 0);
        PoolEvent.WorkerStarted byWorker = new PoolEvent.WorkerStarted(2, WORKER, 0);

        assertThat(reports.onEvent(SCRIPT, byScript, 10)).containsExactly(byScript);
        assertThat(reports.onEvent(WORKER, byWorker, 11)).isEmpty();
    }

    @Test
    void anExitIsHeldUntilTheWorkersConnectionEndsAndThenLosesWhatItHadBegun() {
        PoolEvent.TaskStarted begun = new PoolEvent.TaskStarted(5, 7, 0, "3", WORKER, 1);
        reports.onEvent(WORKER, new PoolEvent.WorkerStarted(1, WORKER, 0), 10);
        reports.onEvent(WORKER, begun, 10);
        PoolEvent.WorkerExited died = new PoolEvent.WorkerExited(20, WORKER, -9, false, "killed by signal 9");

        assertThat(reports.onEvent(SCRIPT, died, 30)).isEmpty();
        assertThat(reports.waiting()).isTrue();
        List<PoolEvent> settled = reports.connectionEnded(WORKER, 40);

        assertThat(settled).hasSize(2);
        assertThat(settled.get(0)).isEqualTo(died);
        PoolEvent.TaskFailed lost = (PoolEvent.TaskFailed) settled.get(1);
        assertThat(lost.task()).isEqualTo(7);
        assertThat(lost.input()).isEqualTo("3");
        assertThat(lost.pid()).isEqualTo(WORKER);
        assertThat(lost.cause()).isEqualTo(FailureCause.WORKER_DIED);
        assertThat(lost.willRetry()).isFalse();
        assertThat(lost.exitValue()).isEqualTo(-9);
        assertThat(lost.elapsedMs()).isEqualTo(35);
        assertThat(lost.error()).startsWith("lost: its worker died (killed by signal 9)");
        assertThat(reports.waiting()).isFalse();
    }

    @Test
    void aTaskThatEndedBeforeItsWorkerDiedIsNotLost() {
        reports.onEvent(WORKER, new PoolEvent.TaskStarted(5, 0, 0, "1", WORKER, 1), 10);
        reports.onEvent(WORKER, new PoolEvent.TaskSucceeded(6, 0, 0, "1", WORKER, "1", 1, ""), 10);
        reports.connectionEnded(WORKER, 20);

        PoolEvent.WorkerExited died = new PoolEvent.WorkerExited(20, WORKER, -9, false, "killed by signal 9");
        assertThat(reports.onEvent(SCRIPT, died, 30)).containsExactly(died);
    }

    @Test
    void anExitWhoseConnectionStaysOpenIsSettledAfterTheWait() {
        reports.onEvent(WORKER, new PoolEvent.TaskStarted(5, 0, 0, "1", WORKER, 1), 10);
        reports.onEvent(SCRIPT, new PoolEvent.WorkerExited(20, WORKER, 1, false, "exited with code 1"), 30);

        assertThat(reports.overdue(30 + WorkerReports.SETTLE_WAIT_MS - 1)).isEmpty();
        assertThat(reports.overdue(30 + WorkerReports.SETTLE_WAIT_MS)).hasSize(2);
        assertThat(reports.onEvent(SCRIPT, new PoolEvent.WorkerExited(40, WORKER, 1, false, "again"), 50)).isEmpty();
    }

    @Test
    void aWorkerThatLeftAsExpectedEndsItsTaskAsHaltedNotLost() {
        reports.onEvent(WORKER, new PoolEvent.TaskStarted(5, 0, 0, "1", WORKER, 1), 10);
        reports.connectionEnded(WORKER, 20);

        List<PoolEvent> settled = reports.onEvent(SCRIPT,
                new PoolEvent.WorkerExited(20, WORKER, -15, true, "the pool was terminated"), 30);

        assertThat(settled).hasSize(2);
        assertThat(((PoolEvent.TaskFailed) settled.get(1)).cause()).isEqualTo(FailureCause.HALTED_WHILE_RUNNING);
    }

    @Test
    void theScriptsEndEndsEveryWorkerNotHeardToExitAndWhatItRan() {
        reports.onEvent(WORKER, new PoolEvent.WorkerStarted(1, WORKER, 0), 10);
        reports.onEvent(WORKER, new PoolEvent.TaskStarted(5, 4, 0, "x", WORKER, 1), 10);

        List<PoolEvent> ended = reports.scriptEnded("the script was stopped", 50);

        assertThat(ended).hasSize(2);
        assertThat(ended.get(0)).isEqualTo(new PoolEvent.WorkerExited(50, WORKER, 0, true, "the script was stopped"));
        assertThat(((PoolEvent.TaskFailed) ended.get(1)).task()).isEqualTo(4);
        assertThat(((PoolEvent.TaskFailed) ended.get(1)).cause()).isEqualTo(FailureCause.HALTED_WHILE_RUNNING);
    }
}
