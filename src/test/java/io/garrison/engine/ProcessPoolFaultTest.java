package io.garrison.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.garrison.task.TaskOptions;
import io.garrison.testing.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(90)
class ProcessPoolFaultTest {

    private ProcessPool pool;
    private final List<PoolEvent> events = new CopyOnWriteArrayList<>();
    /** The PID of the worker that began the first task, once a TaskStarted event says so. */
    private final CompletableFuture<Long> firstTaskPid = new CompletableFuture<>();

    private void heard(PoolEvent event) {
        events.add(event);
        if (event instanceof PoolEvent.TaskStarted started) {
            firstTaskPid.complete(started.pid());
        }
    }

    @AfterEach
    void tearDown() {
        if (pool != null) {
            pool.terminate();
        }
    }

    @Test
    void killingAWorkerMidTaskRetriesItElsewhereAndRestoresThePool() throws Exception {
        pool = ProcessPool.builder().size(2).retries(2).listener(this::heard).build();
        assertThat(pool.awaitReady(Duration.ofSeconds(30))).isTrue();
        List<AsyncResult<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            results.add(pool.applyAsync(x -> {
                Thread.sleep(400);
                return x * 2;
            }, i));
        }
        long victim = awaitRunningTaskPid();

        ProcessHandle.of(victim).orElseThrow().destroyForcibly();

        List<Integer> values = new ArrayList<>();
        for (AsyncResult<Integer> result : results) {
            values.add(result.get(30, TimeUnit.SECONDS));
        }
        assertThat(values).containsExactly(0, 2, 4, 6, 8, 10);
        assertThat(pool.awaitReady(Duration.ofSeconds(30))).isTrue();
        assertThat(pool.workerPids()).hasSize(2).doesNotContain(victim);
        // Events reach listeners on their own thread, after the results: join waits until they all have.
        pool.close();
        pool.join();
        assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(PoolEvent.WorkerExited.class,
                exited -> {
                    assertThat(exited.pid()).isEqualTo(victim);
                    assertThat(exited.expected()).isFalse();
                    assertThat(exited.reason()).contains("signal 9");
                }));
        long succeededEvents = events.stream().filter(PoolEvent.TaskSucceeded.class::isInstance).count();
        assertThat(succeededEvents).as("each task succeeds exactly once").isEqualTo(6);
    }

    @Test
    void aWorkerDyingInTheMiddleOfABigChunkLosesNoneOfItsOtherTasks(@TempDir Path dir) throws Exception {
        List<Integer> retried = new CopyOnWriteArrayList<>();
        List<Integer> exitCodes = new CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicInteger successes = new java.util.concurrent.atomic.AtomicInteger();
        pool = ProcessPool.builder().size(2).retries(1).listener(event -> {
            if (event instanceof PoolEvent.TaskStarted started && started.attempt() > 1) {
                retried.add(started.task());
            } else if (event instanceof PoolEvent.WorkerExited exited) {
                exitCodes.add(exited.exitCode());
            } else if (event instanceof PoolEvent.TaskSucceeded) {
                successes.incrementAndGet();
            }
        }).build();
        String diedOnce = dir.resolve("died-once").toString();
        List<Integer> inputs = IntStream.range(0, 200_000).boxed().toList();

        // The first worker to reach task 1234 dies there, with most of its 50,000-task chunk never started.
        List<Integer> results = pool.map(x -> {
            if (x == 1234 && new java.io.File(diedOnce).createNewFile()) {
                Runtime.getRuntime().halt(137);
            }
            return x + 1;
        }, inputs, 50_000);

        pool.close();
        assertThat(pool.join(Duration.ofSeconds(30))).isTrue();
        assertThat(results).isEqualTo(inputs.stream().map(x -> x + 1).toList());
        assertThat(exitCodes).filteredOn(code -> code != 0).containsExactly(137);
        // The parent blames the oldest task the worker had not answered: results still in the dead worker's
        // buffer were lost with it, so that may be a task before 1234.
        assertThat(retried).singleElement().satisfies(task -> assertThat(task).isBetween(0, 1234));
        assertThat(successes.get()).as("each task succeeds exactly once").isEqualTo(inputs.size());
    }

    @Test
    void theTimeoutDoesNotCountTheTimeTheParentTakesToSerializeAnInput() throws Exception {
        pool = ProcessPool.builder().size(1).taskTimeout(Duration.ofMillis(800)).build();
        assertThat(pool.awaitReady(Duration.ofSeconds(30))).isTrue();

        AsyncResult<String> result = pool.applyAsync(input -> "got " + input.name, new SlowToSerialize("big"));

        assertThat(result.get(30, TimeUnit.SECONDS)).isEqualTo("got big");
    }

    /** An input whose serialization takes longer than the task timeout. */
    static final class SlowToSerialize implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        final String name;

        SlowToSerialize(String name) {
            this.name = name;
        }

        private void writeObject(java.io.ObjectOutputStream out) throws java.io.IOException {
            try {
                Thread.sleep(1500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out.defaultWriteObject();
        }
    }

    @Test
    void withoutRetriesTheKilledWorkersTaskFailsNamingPidAndSignalAndNothingHangs() throws Exception {
        pool = ProcessPool.builder().size(1).listener(this::heard).build();
        AsyncResult<Integer> doomed = pool.applyAsync(x -> {
            Thread.sleep(60_000);
            return x;
        }, 1);
        long victim = awaitRunningTaskPid();

        ProcessHandle.of(victim).orElseThrow().destroyForcibly();

        assertThatThrownBy(() -> doomed.get(30, TimeUnit.SECONDS))
                .isInstanceOf(TaskFailedException.class)
                .hasMessageContaining("worker PID " + victim)
                .hasMessageContaining("killed by signal 9 (SIGKILL)");
        assertThat(pool.map(x -> x + 1, List.of(1, 2, 3))).containsExactly(2, 3, 4);
    }

    @Test
    void thePythonTeachingModeLosesTheTaskOfAKilledWorkerButStillReplacesIt() throws Exception {
        pool = ProcessPool.builder().size(1).losesTasksLikePython(true).listener(this::heard).build();
        AsyncResult<Integer> lost = pool.applyAsync(x -> {
            Thread.sleep(60_000);
            return x;
        }, 1);
        long victim = awaitRunningTaskPid();

        ProcessHandle.of(victim).orElseThrow().destroyForcibly();

        assertThatThrownBy(() -> lost.get(2, TimeUnit.SECONDS)).isInstanceOf(java.util.concurrent.TimeoutException.class);
        assertThat(pool.map(x -> x + 1, List.of(1))).containsExactly(2);
        assertThat(lost.ready()).isFalse();

        pool.terminate();

        assertThatThrownBy(() -> lost.get(10, TimeUnit.SECONDS)).isInstanceOf(TaskFailedException.class)
                .hasMessageContaining("terminated");
    }

    @Test
    void systemExitInsideATaskIsAWorkerDeathWithItsExitCode() {
        pool = ProcessPool.builder().size(1).build();
        assertThatThrownBy(() -> pool.map(x -> {
            System.exit(7);
            return x;
        }, List.of(1)))
                .isInstanceOf(TaskFailedException.class)
                .hasMessageContaining("exit code 7");
    }

    @Test
    void aTaskPastItsTimeoutIsKilledWithItsWorkerWhichIsReplaced() throws Exception {
        pool = ProcessPool.builder().size(1).taskTimeout(Duration.ofMillis(500)).build();
        assertThat(pool.awaitReady(Duration.ofSeconds(30))).isTrue();
        long first = pool.workerPids().get(0);

        AsyncResult<Integer> slow = pool.applyAsync(x -> {
            Thread.sleep(30_000);
            return x;
        }, 1);

        assertThatThrownBy(() -> slow.get(20, TimeUnit.SECONDS))
                .isInstanceOf(TaskFailedException.class)
                .hasMessageContaining("timed out after 0.5 s");
        assertThat(pool.map(x -> x * 3, List.of(1, 2))).containsExactly(3, 6);
        assertThat(pool.workerPids()).doesNotContain(first);
    }

    @Test
    void terminateKillsWorkersAndTheProgramsTheirTasksStarted(@TempDir Path dir) throws Exception {
        pool = ProcessPool.builder().size(2).build();
        // One program ignores SIGTERM: after the grace period it is killed all the same.
        TaskOptions options = TaskOptions.builder().outputDir(dir)
                .commandTemplate("sh -c 'trap \"\" TERM; sleep $0 & wait' {}").build();
        assertThat(pool.awaitReady(Duration.ofSeconds(30))).isTrue();
        List<Long> workers = pool.workerPids();
        // Start two long `sleep` programs, one in each worker.
        TaskRun run = TaskRun.start(pool, io.garrison.task.TaskList.of("60", "60"), "command", options, 1, Set.of());
        List<ProcessHandle> sleeps = awaitDescendants(workers, 2);

        pool.terminate();

        assertThat(run.await().failed()).isEqualTo(2);
        for (ProcessHandle handle : sleeps) {
            assertThat(handle.onExit().get(10, TimeUnit.SECONDS).isAlive()).isFalse();
        }
        for (long pid : workers) {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        }
    }

    @Test
    void aTimedOutCommandLeavesNoHalfWrittenFileBehind(@TempDir Path dir) throws Exception {
        pool = ProcessPool.builder().size(1).taskTimeout(Duration.ofMillis(800)).build();
        TaskOptions options = TaskOptions.builder().outputDir(dir)
                .commandTemplate("sh -c 'echo partial > \"$0\"; sleep 30' {out}").build();

        RunSummary summary = TaskRun.start(pool, io.garrison.task.TaskList.of("page"), "command", options, 1, Set.of()).await();

        assertThat(summary.failed()).isEqualTo(1);
        try (var files = java.nio.file.Files.list(dir)) {
            assertThat(files.toList()).as("no .part file, no file under its final name").isEmpty();
        }
    }

    @Test
    void resizeUpAndDownWhileRunningLosesNothing() throws Exception {
        // Each worker the shrink retires says so when it has exited and left the pool's list of workers.
        CountDownLatch retiredFour = new CountDownLatch(4);
        pool = ProcessPool.builder().size(2).listener(event -> {
            if (event instanceof PoolEvent.WorkerExited) {
                retiredFour.countDown();
            }
        }).build();
        List<Integer> inputs = IntStream.range(0, 40).boxed().toList();
        var results = pool.imapUnordered(x -> {
            Thread.sleep(50);
            return ProcessHandle.current().pid();
        }, inputs);

        pool.resize(5);
        assertThat(pool.awaitReady(Duration.ofSeconds(30))).isTrue();
        assertThat(pool.workerPids()).hasSize(5);
        List<Long> pids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            pids.add(results.next());
        }
        pool.resize(1);
        while (results.hasNext()) {
            pids.add(results.next());
        }

        assertThat(pids).hasSize(40);
        assertThat(new HashSet<>(pids).size()).isGreaterThanOrEqualTo(3);
        assertThat(retiredFour.await(20, TimeUnit.SECONDS)).as("the four workers over the new size exited").isTrue();
        assertThat(pool.workerPids()).hasSize(1);
    }

    @Test
    void haltSoonAfterFailuresStopsHandingOutAndFailsTheRestAsNotRun() throws Exception {
        pool = ProcessPool.builder().size(1).haltPolicy(HaltPolicy.soonAfter(2)).build();
        List<Integer> inputs = IntStream.range(0, 10).boxed().toList();
        // Tasks of 20 ms are handed out one at a time, so none is already in a worker when the pool halts.
        var results = pool.imap(x -> {
            Thread.sleep(20);
            if (x < 3) {
                throw new IllegalStateException("boom " + x);
            }
            return x;
        }, inputs);
        List<String> outcomes = outcomesOf(results);
        assertThat(outcomes).hasSize(10);
        assertThat(outcomes.get(0)).contains("boom 0");
        assertThat(outcomes.get(1)).contains("boom 1");
        assertThat(outcomes.subList(2, 10)).allSatisfy(o -> assertThat(o).contains("not run: halted after 2 failed tasks"));
        assertThat(pool.state()).isNotEqualTo(PoolState.RUNNING);
    }

    @Test
    void haltNowKillsTheRunningTasksAndSaysSoWhileOnlyTheNeverStartedOnesAreNotRun() throws Exception {
        pool = ProcessPool.builder().size(2).haltPolicy(HaltPolicy.nowAfter(1)).build();
        assertThat(pool.awaitReady(Duration.ofSeconds(30))).isTrue();
        List<Integer> inputs = IntStream.range(0, 8).boxed().toList();
        var results = pool.imap(x -> {
            // The first fails once the other worker is well into its long task.
            Thread.sleep(x == 0 ? 300 : 30_000);
            if (x == 0) {
                throw new IllegalStateException("boom");
            }
            return x;
        }, inputs);
        List<String> outcomes = outcomesOf(results);
        assertThat(outcomes).hasSize(8);
        assertThat(outcomes.get(0)).contains("boom");
        assertThat(outcomes.get(1)).as("killed mid-way: it ran")
                .contains("halted after 1 failed task while the task ran").doesNotContain("not run");
        assertThat(outcomes.subList(3, 8)).allSatisfy(o -> assertThat(o).contains("not run: halted after 1 failed task"));
    }

    /** Each result in order, as text, or the message of the failure that took its place. */
    private static List<String> outcomesOf(Iterator<?> results) {
        List<String> outcomes = new ArrayList<>();
        while (results.hasNext()) {
            try {
                outcomes.add(String.valueOf(results.next()));
            } catch (TaskFailedException e) {
                outcomes.add(e.getMessage());
            }
        }
        return outcomes;
    }

    @Test
    void aPacedPoolHandsTasksToItsWorkersInTurn() throws Exception {
        pool = ProcessPool.builder().size(3).build();
        assertThat(pool.awaitReady(Duration.ofSeconds(30))).isTrue();
        pool.setPace(Duration.ofMillis(30));

        List<Long> pids = pool.map(x -> ProcessHandle.current().pid(), List.of(1, 2, 3, 4, 5, 6), 1);

        assertThat(new HashSet<>(pids)).hasSize(3);
    }

    @Test
    void maxTasksPerWorkerRecyclesWorkers() {
        pool = ProcessPool.builder().size(1).maxTasksPerWorker(2).build();
        List<Long> pids = pool.map(x -> ProcessHandle.current().pid(), List.of(1, 2, 3, 4, 5, 6), 1);
        assertThat(new HashSet<>(pids)).hasSize(3);
        assertThat(pids.get(0)).isEqualTo(pids.get(1));
        assertThat(pids.get(2)).isNotEqualTo(pids.get(1));
    }

    @Test
    void workersThatCannotStartFailTheTasksInsteadOfHanging() {
        pool = ProcessPool.builder().size(1).jvmOptions(List.of("-XX:+ThisOptionDoesNotExist")).build();
        // The pool gives up within milliseconds, before or after the map arrives: either way the caller learns why.
        assertThatThrownBy(() -> pool.map(x -> x, List.of(1, 2)))
                .isInstanceOfAny(TaskFailedException.class, IllegalStateException.class)
                .hasMessageContaining("worker processes cannot start")
                .hasMessageContaining("ThisOptionDoesNotExist");
    }

    /** The PID of the worker running the first task, as its TaskStarted event tells it. */
    private long awaitRunningTaskPid() throws Exception {
        try {
            return firstTaskPid.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no task started within 30 s", e);
        }
    }

    /** The programs the workers' tasks started: only the OS knows when they exist, so this asks it. */
    private static List<ProcessHandle> awaitDescendants(List<Long> workers, int count) {
        return Await.await("the tasks' " + count + " programs to start", () -> {
            List<ProcessHandle> found = new ArrayList<>();
            for (long pid : workers) {
                ProcessHandle.of(pid).ifPresent(worker -> worker.descendants().forEach(found::add));
            }
            return found.size() >= count ? Optional.of(found) : Optional.empty();
        }, Duration.ofSeconds(30));
    }
}
