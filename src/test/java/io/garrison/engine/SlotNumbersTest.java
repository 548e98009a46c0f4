package io.garrison.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.garrison.task.TaskList;
import io.garrison.task.TaskOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A worker's slot number, {@code {%}}, stays within 1 to the pool's size as the pool grows and shrinks. */
@Timeout(120)
class SlotNumbersTest {

    @TempDir
    Path dir;

    private ProcessPool pool;
    /** What {@code echo {%}} printed, by the PID of the worker that ran it; read after each run has ended. */
    private final Map<Long, String> slotByPid = new ConcurrentHashMap<>();
    /** A permit per run whose end the listener heard: it hears a run's tasks before its end. */
    private final Semaphore runsHeard = new Semaphore(0);

    @AfterEach
    void terminate() {
        if (pool != null) {
            pool.terminate();
        }
    }

    @Test
    void theWorkersThatStayAfterAShrinkAreNumberedWithinTheNewSize() throws Exception {
        CountDownLatch threeLeft = new CountDownLatch(3);
        pool = ProcessPool.builder().size(3).listener(event -> {
            if (event instanceof PoolEvent.TaskSucceeded done) {
                slotByPid.put(done.pid(), done.result());
            } else if (event instanceof PoolEvent.RunFinished) {
                runsHeard.release();
            } else if (event instanceof PoolEvent.WorkerExited) {
                threeLeft.countDown();
            }
        }).build();

        assertThat(slotsOfARun()).isSubsetOf("1", "2", "3");

        pool.resize(5);
        assertThat(pool.awaitReady(Duration.ofSeconds(30))).isTrue();
        assertThat(slotsOfARun()).isSubsetOf("1", "2", "3", "4", "5");

        // Every worker is idle now: the shrink retires the first three, and the two that stay held 4 and 5.
        pool.resize(2);
        assertThat(threeLeft.await(30, TimeUnit.SECONDS)).as("three workers left").isTrue();
        Map<Long, String> after = slotsByPidOfARun();
        assertThat(after.values()).isSubsetOf("1", "2");
        assertThat(Set.copyOf(after.values())).as("one number a worker").hasSameSizeAs(after.keySet());
    }

    private Set<String> slotsOfARun() throws Exception {
        return Set.copyOf(slotsByPidOfARun().values());
    }

    private Map<Long, String> slotsByPidOfARun() throws Exception {
        slotByPid.clear();
        String[] inputs = IntStream.range(0, 30).mapToObj(String::valueOf).toArray(String[]::new);
        TaskOptions options = TaskOptions.builder().outputDir(dir).commandTemplate("echo {%}").build();
        RunSummary summary = TaskRun.start(pool, TaskList.of(inputs), "command", options, 1, Set.of()).await();
        assertThat(summary.succeeded()).isEqualTo(inputs.length);
        assertThat(runsHeard.tryAcquire(30, TimeUnit.SECONDS)).as("the run's end was heard").isTrue();
        return Map.copyOf(slotByPid);
    }
}
