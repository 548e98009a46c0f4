package io.garrison.ui.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.garrison.engine.PoolEvent;
import io.garrison.engine.PoolSnapshot;
import io.garrison.engine.PoolState;
import io.garrison.engine.WorkerId;
import io.garrison.ui.parade.ParadeModel;
import java.util.List;
import org.junit.jupiter.api.Test;

class PictureCheckTest {

    private final ParadeModel parade = new ParadeModel();

    @Test
    void aPictureThatShowsWhatTheEngineSaysHasNoDisagreement() {
        parade.apply(List.of(new PoolEvent.WorkerStarted(0, 7, 50), new PoolEvent.WorkerStarted(0, 8, 50),
                new PoolEvent.TaskStarted(100, 0, 1, "1", 7, 1), new PoolEvent.TaskSucceeded(101, 0, 1, "1", 7, "1", 1, ""),
                new PoolEvent.TaskStarted(102, 1, 2, "2", 8, 1)), 100);
        parade.tick(5000);

        PictureCheck.Verdict verdict = PictureCheck.judge(drawn(1, 1, 1), new PictureCheck.Real(snapshot(false, true), 3, 1, 0, 0),
                parade.lag());

        assertThat(verdict.details()).isEmpty();
        assertThat(verdict.line()).matches("picture: 2 soldiers, 1 queued, 1 done, 0 failed; disagreements 0; "
                + "lag p99 \\d+ ms, max \\d+ ms");
    }

    @Test
    void aPictureThatDisagreesWithTheEngineIsCountedSoldierBySoldierAndCountByCount() {
        parade.apply(List.of(new PoolEvent.WorkerStarted(0, 7, 50), new PoolEvent.WorkerStarted(0, 9, 50),
                new PoolEvent.TaskStarted(100, 0, 1, "1", 7, 1)), 100);
        parade.tick(5000);

        // The engine: 7 idle (drawn working), 8 alive (not drawn), 9 gone (drawn idle); 2 done, 1 failed, none queued.
        PoolSnapshot engine = new PoolSnapshot(6000, PoolState.RUNNING, 0, List.of(
                new PoolSnapshot.WorkerSnapshot(WorkerId.local(7), false),
                new PoolSnapshot.WorkerSnapshot(WorkerId.local(8), false)));
        PictureCheck.Verdict verdict = PictureCheck.judge(drawn(1, 2, 1), new PictureCheck.Real(engine, 3, 2, 1, 0),
                parade.lag());

        assertThat(verdict.details()).hasSize(8).anyMatch(d -> d.contains("worker 7") && d.contains("drawn working"))
                .anyMatch(d -> d.contains("8") && d.contains("no soldier"))
                .anyMatch(d -> d.contains("soldier 9") && d.contains("no such worker"))
                .anyMatch(d -> d.startsWith("queued: drawn 1, the engine says 0"))
                .anyMatch(d -> d.startsWith("done in the tray: drawn 0, the engine says 2"))
                .anyMatch(d -> d.startsWith("busy workers in the status bar: drawn 1, the engine says 0"));
        assertThat(verdict.line()).contains("disagreements 8");
    }

    /** The parade as drawn, with the queue and status bar figures given. */
    private PictureCheck.Drawn drawn(int queued, int statusDone, int busy) {
        return new PictureCheck.Drawn(parade.soldiers(), queued, parade.succeededShownProperty().get(),
                parade.failedShownProperty().get(), statusDone, 0, busy);
    }

    private static PoolSnapshot snapshot(boolean sevenRuns, boolean eightRuns) {
        return new PoolSnapshot(6000, PoolState.RUNNING, 0, List.of(
                new PoolSnapshot.WorkerSnapshot(WorkerId.local(7), sevenRuns),
                new PoolSnapshot.WorkerSnapshot(WorkerId.local(8), eightRuns)));
    }
}
