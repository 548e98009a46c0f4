package io.garrison.ui.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.garrison.engine.PoolEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FrameEventPumpTest {

    private final List<List<PoolEvent>> batches = new ArrayList<>();
    private final FrameEventPump pump = new FrameEventPump(batches::add, () -> { });

    @Test
    void eventsFromAnotherThreadArriveAsOneBatchPerDrainInOrder() throws InterruptedException {
        Thread engine = new Thread(() -> IntStream.range(0, 1000)
                .forEach(i -> pump.onEvent(new PoolEvent.WorkerStarted(i, i, 0))));
        engine.start();
        engine.join();

        assertThat(pump.drain()).isEqualTo(1000);
        assertThat(pump.drain()).isZero();
        assertThat(batches).hasSize(1);
        assertThat(batches.get(0)).extracting(PoolEvent::timestampMs)
                .containsExactlyElementsOf(IntStream.range(0, 1000).mapToObj(i -> (long) i).toList());
    }

    @Test
    void aHugeBacklogIsSpreadOverFramesSoNoFrameFreezes() {
        int total = FrameEventPump.MAX_EVENTS_PER_FRAME + 10;
        for (int i = 0; i < total; i++) {
            pump.onEvent(new PoolEvent.WorkerStarted(i, i, 0));
        }
        assertThat(pump.drain()).isEqualTo(FrameEventPump.MAX_EVENTS_PER_FRAME);
        assertThat(pump.backlog()).isEqualTo(10);
        assertThat(pump.drain()).isEqualTo(10);
    }
}
