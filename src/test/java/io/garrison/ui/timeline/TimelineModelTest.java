package io.garrison.ui.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.garrison.engine.PoolEvent;
import io.garrison.engine.WorkerId;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineModelTest {

    private final TimelineModel model = new TimelineModel();

    @Test
    void workersOfTwoHostsWithTheSamePidHaveALaneEachAndEachBarIsInItsWorkersLane() {
        WorkerId here = WorkerId.local(4242);
        WorkerId lab = new WorkerId("lab-pc-07", 4242);

        model.apply(List.of(
                new PoolEvent.WorkerStarted(1, 4242, 50),
                new PoolEvent.WorkerStarted(2, 4242, 300, "lab-pc-07"),
                new PoolEvent.TaskStarted(10, 0, 1, "1", 4242, 1),
                new PoolEvent.TaskStarted(11, 1, 2, "2", 4242, 1, "lab-pc-07"),
                new PoolEvent.WorkerExited(20, 4242, 137, false, "died", "lab-pc-07")));

        assertThat(model.lanes()).containsOnlyKeys(here, lab);
        assertThat(model.bars()).extracting(TimelineModel.Bar::worker).containsExactly(here, lab);
        assertThat(model.isAlive(here)).isTrue();
        assertThat(model.isAlive(lab)).as("the lab worker died; this PC's of the same PID did not").isFalse();

        model.reset();

        assertThat(model.lanes()).as("a new run keeps the lanes of live workers").containsOnlyKeys(here);
    }
}
