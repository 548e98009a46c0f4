package io.garrison.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Stepping a paused pool of real workers, one chunk a step, as a class follows it. */
@Timeout(90)
class ProcessPoolStepTest {

    private ProcessPool pool;

    @AfterEach
    void tearDown() {
        if (pool != null) {
            pool.terminate();
        }
    }

    @Test
    void aPausedPoolRunsExactlyOneChunkPerStepAndEverythingOnceResumed() throws Exception {
        BlockingQueue<PoolEvent.TaskSucceeded> successes = new LinkedBlockingQueue<>();
        pool = ProcessPool.builder().size(2).listener(event -> {
            if (event instanceof PoolEvent.TaskSucceeded done) {
                successes.add(done);
            }
        }).build();
        assertThat(pool.awaitReady(Duration.ofSeconds(60))).isTrue();
        pool.setPaused(true);
        Iterator<Integer> results = pool.imap(x -> x * x, List.of(1, 2, 3, 4, 5, 6), 2);
        assertThat(pool.queuedTasks()).as("paused: all six wait").isEqualTo(6);

        pool.step();

        List<Integer> firstChunk = List.of(take(successes), take(successes)).stream()
                .map(PoolEvent.TaskSucceeded::task).sorted().toList();
        assertThat(firstChunk).as("one chunk of two, the first two tasks").containsExactly(0, 1);
        assertThat(pool.queuedTasks()).as("the rest still wait").isEqualTo(4);
        assertThat(successes).as("nothing more was handed out").isEmpty();

        pool.step();
        assertThat(List.of(take(successes).task(), take(successes).task())).containsExactlyInAnyOrder(2, 3);
        assertThat(pool.queuedTasks()).isEqualTo(2);

        pool.setPaused(false);
        List<Integer> all = new ArrayList<>();
        results.forEachRemaining(all::add);
        assertThat(all).containsExactly(1, 4, 9, 16, 25, 36);
    }

    private static PoolEvent.TaskSucceeded take(BlockingQueue<PoolEvent.TaskSucceeded> events)
            throws InterruptedException {
        PoolEvent.TaskSucceeded event = events.poll(60, TimeUnit.SECONDS);
        assertThat(event).as("a task succeeded within a minute").isNotNull();
        return event;
    }
}
