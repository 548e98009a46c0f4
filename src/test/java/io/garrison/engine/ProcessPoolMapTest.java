package io.garrison.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.garrison.ProcStat;
import io.garrison.testing.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ProcessPoolMapTest {

    private ProcessPool pool;

    @AfterEach
    void tearDown() {
        if (pool != null) {
            pool.terminate();
        }
    }

    @Test
    void mapReturnsResultsInInputOrderComputedInOtherProcesses() {
        pool = ProcessPool.create(3);
        List<Integer> inputs = IntStream.rangeClosed(1, 100).boxed().toList();

        List<Long> pids = pool.map(x -> ProcessHandle.current().pid(), inputs, 5);
        List<Integer> squares = pool.map(x -> x * x, inputs);

        assertThat(squares).isEqualTo(inputs.stream().map(x -> x * x).toList());
        assertThat(pids).doesNotContain(ProcessHandle.current().pid());
        assertThat(pool.workerPids()).containsAll(pids.stream().distinct().toList());
    }

    @Test
    void taskKindByNameRunsInWorkers() {
        pool = ProcessPool.create(2);
        List<String> squares = pool.map("square", List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
        assertThat(squares).containsExactly("1", "4", "9", "16", "25", "36", "49", "64", "81", "100");
    }

    @Test
    void everyChunkSizeGivesTheSameOrderedResults() {
        pool = ProcessPool.create(2);
        List<Integer> inputs = IntStream.range(0, 1000).boxed().toList();
        List<Integer> expected = inputs.stream().map(x -> x + 1).toList();
        for (int chunk : new int[] {1, 7, 250, 1000, 5000}) {
            assertThat(pool.<Integer, Integer>map(x -> x + 1, inputs, chunk)).as("chunk %d", chunk).isEqualTo(expected);
        }
    }

    @Test
    void resultsStayInPlaceAcrossMapsOfSmallAndLargeBatchesOfIntsAndOtherValues() {
        pool = ProcessPool.create(2);
        // The parent reads each worker's batches into one reused column: a small batch's column must not be
        // reused for a larger one, nor a word slot of one batch hide an int of the next.
        List<Integer> inputs = IntStream.range(0, 60_000).boxed().toList();
        TaskFunction<Integer, Object> intsThenWords = x -> (x / 5_000) % 3 == 1 ? "w" + x : (Object) (x * 3);
        List<Object> expected = inputs.stream().map(x -> (x / 5_000) % 3 == 1 ? "w" + x : (Object) (x * 3)).toList();

        List<Integer> smallBatches = pool.map(x -> x + 1, inputs.subList(0, 200), 4);
        List<Object> largeMixedBatches = pool.map(intsThenWords, inputs, 7_500);
        List<Integer> largeIntBatches = pool.map(x -> x - 1, inputs, 10_000);

        assertThat(smallBatches).isEqualTo(inputs.subList(0, 200).stream().map(x -> x + 1).toList());
        assertThat(largeMixedBatches).isEqualTo(expected);
        assertThat(largeIntBatches).isEqualTo(inputs.stream().map(x -> x - 1).toList());
    }

    @Test
    void imapYieldsInOrderAndImapUnorderedInCompletionOrder() {
        pool = ProcessPool.create(2);
        List<Integer> sleeps = List.of(600, 10, 10, 10);

        Iterator<Integer> ordered = pool.imap(ms -> {
            Thread.sleep(ms);
            return ms;
        }, sleeps);
        List<Integer> inOrder = new ArrayList<>();
        ordered.forEachRemaining(inOrder::add);

        Iterator<Integer> unordered = pool.imapUnordered(ms -> {
            Thread.sleep(ms);
            return ms;
        }, sleeps);
        List<Integer> byCompletion = new ArrayList<>();
        unordered.forEachRemaining(byCompletion::add);

        assertThat(inOrder).containsExactly(600, 10, 10, 10);
        assertThat(byCompletion).containsExactlyInAnyOrder(600, 10, 10, 10);
        assertThat(byCompletion.get(3)).isEqualTo(600);
    }

    @Test
    void aCollectorChosenForTheWorkersReplacesTheDefaultInsteadOfStoppingThemFromStarting() throws Exception {
        pool = ProcessPool.builder().size(1).jvmOptions(List.of("-XX:+UseG1GC")).build();

        String collectors = pool.<Integer, String>applyAsync(x -> java.lang.management.ManagementFactory
                .getGarbageCollectorMXBeans().stream().map(b -> b.getName()).toList().toString(), 0).get(30, TimeUnit.SECONDS);

        assertThat(collectors).contains("G1");
    }

    @Test
    void aTaskWaitingBehindALongOneIsTakenBackWhenAnotherWorkerIdles() throws Exception {
        pool = ProcessPool.create(2);
        pool.awaitReady(Duration.ofSeconds(30));
        List<Integer> inputs = IntStream.range(0, 12).boxed().toList();

        // Task 0 keeps one worker busy long after the other has run out of work; whatever was sent ahead to the
        // busy one must not wait for it.
        List<Long> pids = pool.map(x -> {
            Thread.sleep(x == 0 ? 2500 : 60);
            return ProcessHandle.current().pid();
        }, inputs, 1);

        long busy = pids.get(0);
        assertThat(pids.subList(1, pids.size())).as("pids of tasks 1..11, task 0 on %d", busy).doesNotContain(busy);
    }

    @Test
    void pausingTakesBackTheTaskSentAheadSoThatOnlyTheRunningOneFinishes() throws Exception {
        CountDownLatch firstStarted = new CountDownLatch(1);
        AtomicBoolean resumed = new AtomicBoolean();
        // Whether task 1's start was heard after the test resumed the pool; a start made earlier is heard earlier.
        CompletableFuture<Boolean> secondStartedAfterResume = new CompletableFuture<>();
        pool = ProcessPool.builder().size(1).listener(event -> {
            if (event instanceof PoolEvent.TaskStarted started && started.input().equals("0")) {
                firstStarted.countDown();
            } else if (event instanceof PoolEvent.TaskStarted started && started.input().equals("1")) {
                secondStartedAfterResume.complete(resumed.get());
            }
        }).build();
        pool.awaitReady(Duration.ofSeconds(30));
        List<AsyncResult<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            results.add(pool.applyAsync(x -> {
                Thread.sleep(1000);
                return x;
            }, i));
        }
        // Task 0 runs, task 1 waits behind it in the worker and task 2 in the pool's queue.
        assertThat(firstStarted.await(20, TimeUnit.SECONDS)).as("task 0 started").isTrue();
        assertThat(pool.queuedTasks()).as("only task 2 is queued before the pause").isEqualTo(1);
        pool.setPaused(true);

        // The worker gives task 1 back while task 0 still runs: no event says so, the queue shows it.
        Await.await("the task sent ahead to come back to the queue", () -> pool.queuedTasks() == 2,
                Duration.ofSeconds(20));
        assertThat(results.get(0).get(20, TimeUnit.SECONDS)).isEqualTo(0);
        // Task 0's result and the dispatch after it happen in one step under the pool's lock, which queuedTasks
        // also takes: both tasks are still queued after it, so none went to the idle worker while paused.
        assertThat(pool.queuedTasks()).as("tasks 1 and 2, still queued after task 0 ended").isEqualTo(2);
        assertThat(results.get(1).ready()).as("the task sent ahead, after a pause").isFalse();

        resumed.set(true);
        pool.setPaused(false);
        assertThat(results.get(2).get(20, TimeUnit.SECONDS)).isEqualTo(2);
        assertThat(results.get(1).get(1, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(secondStartedAfterResume.get(20, TimeUnit.SECONDS)).as("task 1 started only once resumed").isTrue();
    }

    @Test
    void applyAsyncDeliversResultsAndFailuresToCallbacks() throws Exception {
        pool = ProcessPool.create(2);
        List<Object> seen = new CopyOnWriteArrayList<>();
        CountDownLatch both = new CountDownLatch(2);

        AsyncResult<Integer> good = pool.applyAsync(x -> x * 10, 4, v -> {
            seen.add(v);
            both.countDown();
        }, null);
        AsyncResult<Integer> bad = pool.applyAsync(x -> x / 0, 4, null, e -> {
            seen.add(e.getMessage());
            both.countDown();
        });

        assertThat(good.get(20, TimeUnit.SECONDS)).isEqualTo(40);
        assertThat(both.await(20, TimeUnit.SECONDS)).isTrue();
        assertThat(good.successful()).isTrue();
        // A result is ready only after its callback has run (as Python's): the latch counts down inside the
        // callback, a moment before that, so get() waits for it first.
        assertThatThrownBy(bad::get).isInstanceOf(TaskFailedException.class).hasMessageContaining("/ by zero");
        assertThat(bad.ready()).isTrue();
        assertThat(bad.successful()).isFalse();
        assertThat(seen).hasSize(2).contains(40);
    }

    @Test
    void resultsOfEveryKindComeBackInOrderInAFixedSizeList() {
        pool = ProcessPool.create(2);
        List<Integer> inputs = IntStream.range(0, 3000).boxed().toList();

        List<Object> results = pool.map(x -> switch (x % 4) {
            case 0 -> x;
            case 1 -> null;
            case 2 -> "s" + x;
            default -> (long) x;
        }, inputs, 7);

        for (int x = 0; x < inputs.size(); x++) {
            Object expected = switch (x % 4) {
                case 0 -> x;
                case 1 -> null;
                case 2 -> "s" + x;
                default -> (long) x;
            };
            assertThat(results.get(x)).as("result %d", x).isEqualTo(expected);
        }
        results.set(0, "changed");
        assertThat(results.get(0)).isEqualTo("changed");
        assertThatThrownBy(() -> results.add("more")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> results.get(3000)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void aFunctionObjectChangedBetweenCallsIsSentAgainWhileALambdaIsSentOnce() {
        pool = ProcessPool.create(1);
        Above above = new Above();
        above.limit = 5;
        assertThat(pool.map(above, List.of(3, 7))).containsExactly(false, true);
        above.limit = 10;
        assertThat(pool.map(above, List.of(3, 7))).containsExactly(false, false);

        TaskFunction<Integer, Integer> twice = x -> 2 * x;
        for (int i = 0; i < 3; i++) {
            assertThat(pool.map(twice, List.of(i))).containsExactly(2 * i);
        }
        assertThat(pool.core().functions().serialized(twice)).isSameAs(pool.core().functions().serialized(twice));
    }

    private static final class Above implements TaskFunction<Integer, Boolean> {
        private static final long serialVersionUID = 1L;
        int limit;

        @Override
        public Boolean apply(Integer x) {
            return x > limit;
        }
    }

    @Test
    void anInputThatCannotBeSentFailsItsOwnTaskOnlyOnceWithoutRetries() throws Exception {
        List<PoolEvent> events = new CopyOnWriteArrayList<>();
        pool = ProcessPool.builder().size(1).retries(2).listener(events::add).build();
        Node deep = new Node(null);
        for (int i = 0; i < 1_000_000; i++) {
            deep = new Node(deep);
        }
        List<Object> inputs = List.of(1, new Object(), 3, deep, 5);

        Iterator<Object> results = pool.imap(x -> x instanceof Integer i ? i : "unexpected", inputs, 5);

        assertThat(results.next()).isEqualTo(1);
        assertThatThrownBy(results::next).isInstanceOf(TaskFailedException.class)
                .hasMessageContaining("task 1 failed: the input cannot be sent to a worker")
                .hasMessageContaining("java.lang.Object");
        assertThat(results.next()).isEqualTo(3);
        assertThatThrownBy(results::next).isInstanceOf(TaskFailedException.class)
                .hasMessageContaining("task 3 failed: the input cannot be sent to a worker")
                .hasMessageContaining("StackOverflowError");
        assertThat(results.next()).isEqualTo(5);
        pool.close();
        pool.join();
        assertThat(events).filteredOn(e -> e instanceof PoolEvent.TaskFailed f && (f.task() == 1 || f.task() == 3))
                .as("never retried").hasSize(2)
                .allSatisfy(e -> assertThat(((PoolEvent.TaskFailed) e).willRetry()).isFalse());
    }

    private record Node(Node next) implements java.io.Serializable {
    }

    @Test
    void theResultsOfOneMapCanBeTheInputOfTheNext() throws Exception {
        pool = ProcessPool.create(2);
        List<Integer> squares = pool.map(x -> x * x, List.of(1, 2, 3));

        assertThat(pool.applyAsync(list -> list.size() + list.get(2), squares).get(20, TimeUnit.SECONDS)).isEqualTo(12);
        assertThat(pool.map(i -> squares.get(i) + 1, List.of(0, 1, 2))).containsExactly(2, 5, 10);
    }

    @Test
    void methodReferencesAndLambdasThatThrowRunInWorkersAsTheyWouldHere() {
        pool = ProcessPool.create(2);
        TaskFunction<Integer, Integer> abs = Math::abs;
        TaskFunction<String, Integer> length = String::length;
        TaskFunction<Integer, Integer> refuseOdd = x -> {
            if (x % 2 != 0) {
                throw new IllegalArgumentException("odd: " + x);
            }
            return x;
        };

        assertThat(pool.map(abs, List.of(-1, 2, -3), 1)).containsExactly(1, 2, 3);
        assertThat(pool.map(length, List.of("a", "garrison"), 1)).containsExactly(1, 8);
        assertThatThrownBy(() -> pool.map(refuseOdd, List.of(2, 3), 1)).isInstanceOf(TaskFailedException.class)
                .hasMessageContaining("task 1 failed").hasMessageContaining("odd: 3");
    }

    @Test
    void aLambdaWhoseClassTheWorkersCannotLoadFailsItsTasksNamingTheClass(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        // A plugin's lambda: its class comes from a loader of the parent's own, not from the workers' class path.
        java.nio.file.Path source = dir.resolve("Outside.java");
        java.nio.file.Files.writeString(source, "public class Outside { public static io.garrison.engine.TaskFunction<Integer, Integer>"
                + " square() { return x -> x * x; } }");
        int compiled = javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null,
                "-cp", System.getProperty("java.class.path"), "-d", dir.toString(), source.toString());
        assertThat(compiled).isZero();
        try (java.net.URLClassLoader plugins = new java.net.URLClassLoader(new java.net.URL[] {dir.toUri().toURL()},
                getClass().getClassLoader())) {
            @SuppressWarnings("unchecked")
            TaskFunction<Integer, Integer> square = (TaskFunction<Integer, Integer>) plugins.loadClass("Outside")
                    .getMethod("square").invoke(null);
            assertThat(square.apply(3)).isEqualTo(9);
            pool = ProcessPool.create(1);

            assertThatThrownBy(() -> pool.map(square, List.of(3), 1)).isInstanceOf(TaskFailedException.class)
                    .hasMessageContaining("class not on this class path").hasMessageContaining("Outside");
        }
    }

    @Test
    void aLambdaThatCapturesAnObjectSendsItAsItIsAtEachCall() {
        pool = ProcessPool.create(1);
        int[] factor = {2};
        TaskFunction<Integer, Integer> times = x -> x * factor[0];

        assertThat(pool.map(times, List.of(10))).containsExactly(20);
        factor[0] = 3;
        assertThat(pool.map(times, List.of(10))).containsExactly(30);
    }

    @Test
    void workersCanRunBelowTheParentsPriorityKeepingTheirPidAndJava() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isDirectory(java.nio.file.Path.of("/proc/self")));
        pool = ProcessPool.builder().size(2).workerNiceness(7).build();

        List<Long> pids = pool.map(x -> ProcessHandle.current().pid(), List.of(1, 2, 3, 4), 1);

        assertThat(pool.workerPids()).containsAll(pids);
        int parentNice = niceOf(ProcessHandle.current().pid());
        for (long pid : pool.workerPids()) {
            assertThat(niceOf(pid)).as("nice of worker %d", pid).isEqualTo(Math.min(19, parentNice + 7));
            assertThat(ProcessHandle.of(pid).orElseThrow().info().command().orElseThrow()).endsWith("java");
        }
    }

    @Test
    void backgroundWorkersRunUnderSchedIdleKeepingTheirPidAndJava() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isDirectory(java.nio.file.Path.of("/proc/self")));
        boolean idle = !IdleScheduling.prefix().isEmpty();
        pool = ProcessPool.builder().size(2).backgroundWorkers(true).build();

        List<Long> pids = pool.map(x -> ProcessHandle.current().pid(), List.of(1, 2, 3, 4), 1);

        assertThat(pool.workerPids()).containsAll(pids);
        for (long pid : pool.workerPids()) {
            // Field 41 of /proc/PID/stat is the scheduling policy (SCHED_IDLE is 5); without chrt, nice 19.
            if (idle) {
                assertThat(ProcStat.field(pid, 41)).as("policy of worker %d", pid).isEqualTo(5);
            } else {
                assertThat(ProcStat.field(pid, 19)).as("nice of worker %d", pid).isEqualTo(19);
            }
            assertThat(ProcessHandle.of(pid).orElseThrow().info().command().orElseThrow()).endsWith("java");
        }
    }

    @Test
    void workersOnLinuxWithAJdkThatAllowsItStartProgramsWithVfork() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getProperty("os.name").startsWith("Linux")
                && Runtime.version().feature() <= 21);
        pool = ProcessPool.create(1);

        String mechanism = pool.<Integer, String>applyAsync(x -> System.getProperty("jdk.lang.Process.launchMechanism"), 0).get();
        String output = pool.<Integer, String>applyAsync(x -> {
            Process child = new ProcessBuilder("echo", "started").redirectErrorStream(true).start();
            return new String(child.getInputStream().readAllBytes()).strip() + " " + child.waitFor();
        }, 0).get();

        assertThat(mechanism).isEqualTo("VFORK");
        assertThat(output).isEqualTo("started 0");
    }

    private static int niceOf(long pid) throws java.io.IOException {
        return ProcStat.field(pid, 19);
    }

    @Test
    void mapThrowsTheFirstFailureByIndex() {
        pool = ProcessPool.create(2);
        assertThatThrownBy(() -> pool.map(x -> {
            if (x % 3 == 0) {
                throw new IllegalArgumentException("bad " + x);
            }
            return x;
        }, List.of(1, 2, 3, 4, 5, 6), 1))
                .isInstanceOf(TaskFailedException.class)
                .hasMessageContaining("bad 3");
    }

    @Test
    void closeLetsQueuedTasksFinishThenJoinReturnsWithNoWorkersLeft() throws Exception {
        pool = ProcessPool.create(2);
        AsyncResult<Integer> slow = pool.applyAsync(ms -> {
            Thread.sleep(ms);
            return ms;
        }, 300);
        assertThat(pool.awaitReady(Duration.ofSeconds(20))).isTrue();
        List<Long> pids = pool.workerPids();

        pool.close();
        assertThatThrownBy(() -> pool.applyAsync(x -> x, 1)).isInstanceOf(IllegalStateException.class);
        pool.join();

        assertThat(slow.get(1, TimeUnit.SECONDS)).isEqualTo(300);
        assertThat(pool.state()).isEqualTo(PoolState.TERMINATED);
        for (long pid : pids) {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("worker %d", pid).isFalse();
        }
    }

    @Test
    void workersSurviveAJvmThatPrintsOnStdoutBeforeMain() {
        // JFR announces itself on stdout before main runs; the protocol must not mistake that for a message.
        pool = ProcessPool.builder().size(1)
                .jvmOptions(List.of("-XX:StartFlightRecording=filename=" + System.getProperty("java.io.tmpdir")
                        + "/garrison-test-" + ProcessHandle.current().pid() + ".jfr"))
                .build();
        assertThat(pool.map(x -> x * 2, List.of(1, 2, 3))).containsExactly(2, 4, 6);
    }

    @Test
    void joinBeforeCloseIsRefusedAsInPython() {
        pool = ProcessPool.create(1);
        assertThatThrownBy(pool::join).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theFailureAMapThrowsShowsWhereTheCallerCalledMapAndTheLowestFailedTask() throws Exception {
        pool = ProcessPool.builder().size(2).build();

        Throwable thrown = catchThrowable(() -> pool.map(x -> 10 / (x % 1000), IntStream.range(1, 5_000).boxed().toList()));

        // Inputs 1000, 2000, ... fail; the lowest index (999) is the one thrown, whichever failed first. Python's
        // map throws the first failure to arrive instead (docs/FOR-PYTHON-USERS.md says why this one differs).
        assertThat(thrown).isInstanceOf(TaskFailedException.class).hasMessageContaining("task 999 failed")
                .hasMessageContaining("/ by zero");
        // Made on the caller's thread when thrown, not on a pool thread when the task failed: the stack leads
        // back to this method.
        assertThat(thrown.getStackTrace()).anySatisfy(frame ->
                assertThat(frame.getMethodName()).isEqualTo("theFailureAMapThrowsShowsWhereTheCallerCalledMapAndTheLowestFailedTask"));
    }
}
