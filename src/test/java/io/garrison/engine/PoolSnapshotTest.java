package io.garrison.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.garrison.testing.Await;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class PoolSnapshotTest {

    @Test
    void aSnapshotShowsEachWorkerAndWhetherItRunsATaskAndTheQueue() throws Exception {
        try (ProcessPool pool = ProcessPool.builder().size(2).build()) {
            assertThat(pool.awaitReady(Duration.ofSeconds(60))).isTrue();
            AsyncResult<String> first = pool.applyAsync("sleep", 3000);
            AsyncResult<String> second = pool.applyAsync("sleep", 3000);
            AsyncResult<String> third = pool.applyAsync("sleep", 10);

            Await.await("both workers running", () -> pool.snapshot().workers().stream()
                    .filter(PoolSnapshot.WorkerSnapshot::running).count() == 2, Duration.ofSeconds(30));
            PoolSnapshot busy = pool.snapshot();
            assertThat(busy.state()).isEqualTo(PoolState.RUNNING);
            assertThat(busy.workers()).extracting(w -> w.id().pid())
                    .containsExactlyInAnyOrderElementsOf(pool.workerPids());
            assertThat(busy.queuedTasks()).as("the third task waits, in the queue or sent ahead").isLessThanOrEqualTo(1);

            first.get();
            second.get();
            third.get();
            Await.await("both idle", () -> pool.snapshot().workers().stream().noneMatch(
                    PoolSnapshot.WorkerSnapshot::running), Duration.ofSeconds(30));
            assertThat(pool.snapshot().queuedTasks()).isZero();
        }
    }

    @Test
    void aPoolWhoseCloseRanItsCourseSaysSoAndOneTerminatedSaysThat() throws Exception {
        List<PoolEvent.PoolStateChanged> closing = new CopyOnWriteArrayList<>();
        ProcessPool closed = ProcessPool.builder().size(1).listener(event -> {
            if (event instanceof PoolEvent.PoolStateChanged e) {
                closing.add(e);
            }
        }).build();
        closed.applyAsync("sleep", 10).get();
        closed.close();
        closed.join();
        Await.await("the end reported", () -> closing.stream().anyMatch(e -> e.state() == PoolState.TERMINATED),
                Duration.ofSeconds(30));
        assertThat(closing).filteredOn(e -> e.state() == PoolState.TERMINATED).singleElement()
                .extracting(PoolEvent.PoolStateChanged::terminateCalled).isEqualTo(false);

        List<PoolEvent.PoolStateChanged> ending = new CopyOnWriteArrayList<>();
        ProcessPool terminated = ProcessPool.builder().size(1).listener(event -> {
            if (event instanceof PoolEvent.PoolStateChanged e) {
                ending.add(e);
            }
        }).build();
        terminated.applyAsync("sleep", 30_000);
        terminated.close();
        terminated.terminate();
        Await.await("the end reported", () -> ending.stream().anyMatch(e -> e.state() == PoolState.TERMINATED),
                Duration.ofSeconds(30));
        assertThat(ending).filteredOn(e -> e.state() == PoolState.TERMINATED).singleElement()
                .extracting(PoolEvent.PoolStateChanged::terminateCalled).isEqualTo(true);
    }
}
