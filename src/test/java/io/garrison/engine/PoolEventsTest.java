package io.garrison.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(90)
class PoolEventsTest {

    private ProcessPool pool;

    @AfterEach
    void tearDown() {
        if (pool != null) {
            pool.terminate();
        }
    }

    @Test
    void aSlowListenerNeverStallsTheWork() {
        AtomicInteger delivered = new AtomicInteger();
        pool = ProcessPool.builder().size(2).listener(event -> {
            delivered.incrementAndGet();
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }).build();
        List<Integer> inputs = IntStream.range(0, 5000).boxed().toList();

        List<Integer> results = pool.map(x -> x + 1, inputs, 1);

        assertThat(results).hasSize(5000);
        // 10,000 task events at 5 ms each would take 50 s; the results did not wait for them.
        assertThat(delivered.get()).isLessThan(10_000);
    }

    @Test
    void resultsCarryTheirInputsOnlyWhileSomeListenerWantsThem() throws Exception {
        List<PoolEvent.TaskSucceeded> quiet = new CopyOnWriteArrayList<>();
        pool = ProcessPool.builder().size(2).listener(new PoolListener() {
            @Override
            public void onEvent(PoolEvent event) {
                if (event instanceof PoolEvent.TaskSucceeded done) {
                    quiet.add(done);
                }
            }

            @Override
            public boolean wantsSucceededInputs() {
                return false;
            }
        }).build();

        pool.map(x -> x * 2, List.of(21, 22, 23), 1);
        List<PoolEvent.TaskSucceeded> withInputs = new CopyOnWriteArrayList<>();
        pool.addListener(event -> {
            if (event instanceof PoolEvent.TaskSucceeded done) {
                withInputs.add(done);
            }
        });
        pool.map(x -> x * 2, List.of(31, 32), 1);
        pool.close();
        pool.join();

        assertThat(quiet).hasSize(5);
        assertThat(quiet.subList(0, 3)).extracting(PoolEvent.TaskSucceeded::input).containsOnly("");
        assertThat(quiet.subList(0, 3)).extracting(PoolEvent.TaskSucceeded::result)
                .containsExactlyInAnyOrder("42", "44", "46");
        // The first map's last events may reach the second listener too, after it was added: as they were built.
        assertThat(withInputs).filteredOn(done -> done.result().equals("62") || done.result().equals("64"))
                .extracting(PoolEvent.TaskSucceeded::input).containsExactlyInAnyOrder("31", "32");
    }

    @Test
    void everyTaskStartsBeforeItEndsAndEndsExactlyOnce() throws Exception {
        List<PoolEvent> events = new CopyOnWriteArrayList<>();
        pool = ProcessPool.builder().size(3).listener(events::add).build();
        List<Integer> inputs = IntStream.range(0, 3000).boxed().toList();
        // Every worker up first: on a loaded machine the map can end before the third says hello, and a worker
        // told to leave before its hello is killed unheard after the grace period, with no start to count.
        assertThat(pool.awaitReady(Duration.ofSeconds(60))).isTrue();

        pool.map(x -> x * 2, inputs, 7);
        pool.close();
        pool.join();

        Map<Integer, String> seen = new HashMap<>();
        for (PoolEvent event : events) {
            if (event instanceof PoolEvent.TaskStarted started) {
                assertThat(seen.put(started.task(), "started")).as("task %d", started.task()).isNull();
                assertThat(started.pid()).isPositive();
            } else if (event instanceof PoolEvent.TaskSucceeded done) {
                assertThat(seen.put(done.task(), "done")).as("task %d", done.task()).isEqualTo("started");
            }
        }
        assertThat(seen).hasSize(3000).containsOnlyKeys(inputs).allSatisfy((task, state) -> assertThat(state).isEqualTo("done"));
        assertThat(events).filteredOn(PoolEvent.WorkerStarted.class::isInstance).hasSize(3);
        assertThat(events).filteredOn(PoolEvent.WorkerExited.class::isInstance).hasSize(3)
                .allSatisfy(e -> assertThat(((PoolEvent.WorkerExited) e).expected()).isTrue());
        assertThat(events.get(events.size() - 1)).isInstanceOfSatisfying(PoolEvent.PoolStateChanged.class,
                e -> assertThat(e.state()).isEqualTo(PoolState.TERMINATED));
    }

    @Test
    void everyTaskOfABatchedMapIsSeenStartingOnceThenSucceedingWithItsOwnInputAndResult() throws Exception {
        List<PoolEvent> heard = new CopyOnWriteArrayList<>();
        pool = ProcessPool.builder().size(2).listener(heard::add).build();
        List<Integer> inputs = IntStream.range(0, 10_000).boxed().toList();

        // Results come back in batches of many tasks, whose events the event thread builds as it delivers them.
        pool.map(x -> x * 3, inputs, 500);
        pool.close();
        pool.join();

        Map<Integer, Integer> startedAt = new HashMap<>();
        Map<Integer, Long> startedBy = new HashMap<>();
        int succeeded = 0;
        for (int order = 0; order < heard.size(); order++) {
            PoolEvent event = heard.get(order);
            if (event instanceof PoolEvent.TaskStarted started) {
                assertThat(startedAt.put(started.task(), order)).as("task %d started once", started.task()).isNull();
                assertThat(started.attempt()).isEqualTo(1);
                assertThat(started.input()).isEqualTo(Integer.toString(started.task()));
                startedBy.put(started.task(), started.pid());
            } else if (event instanceof PoolEvent.TaskSucceeded done) {
                succeeded++;
                assertThat(startedAt).as("task %d started before it succeeded", done.task()).containsKey(done.task());
                assertThat(done.pid()).isEqualTo(startedBy.get(done.task()));
                assertThat(done.input()).isEqualTo(Integer.toString(done.task()));
                assertThat(done.result()).isEqualTo(Integer.toString(done.task() * 3));
            }
        }
        assertThat(succeeded).isEqualTo(10_000);
        assertThat(startedAt).hasSize(10_000);
    }

    /** Reads neither task starts nor inputs, as the CLI's plain output and progress bar do. */
    private abstract static class ResultsOnly implements PoolListener {
        @Override
        public boolean wantsTaskStarts() {
            return false;
        }

        @Override
        public boolean wantsSucceededInputs() {
            return false;
        }
    }

    /**
     * Takes results a run at a time and reads no starts. Records each success, and a task seen twice as a problem
     * for the test thread to report: an assertion failing on the event thread would only stop delivery.
     */
    private static final class RunReader extends ResultsOnly {
        final Map<Integer, String> resultByTask = new java.util.concurrent.ConcurrentHashMap<>();
        final List<String> problems = new CopyOnWriteArrayList<>();
        final AtomicInteger runs = new AtomicInteger();
        final AtomicInteger successEvents = new AtomicInteger();

        @Override
        public boolean wantsSucceededRuns() {
            return true;
        }

        @Override
        public void onSucceededRun(SucceededTasks run) {
            runs.incrementAndGet();
            for (int i = 0; i < run.count(); i++) {
                record(run.task(i), run.result(i));
            }
        }

        @Override
        public void onEvent(PoolEvent event) {
            if (event instanceof PoolEvent.TaskSucceeded done) {
                successEvents.incrementAndGet();
                record(done.task(), done.result());
            }
        }

        private void record(int task, String result) {
            if (resultByTask.put(task, result) != null) {
                problems.add("task " + task + " succeeded twice");
            }
        }
    }

    /** Reads no starts and no inputs, like a progress counter, but takes successes one event at a time. */
    private static final class EventCounter extends ResultsOnly {
        final AtomicInteger successes = new AtomicInteger();

        @Override
        public void onEvent(PoolEvent event) {
            if (event instanceof PoolEvent.TaskSucceeded) {
                successes.incrementAndGet();
            }
        }
    }

    private RunReader mapWith(int tasks, PoolListener... others) throws Exception {
        RunReader reader = new RunReader();
        ProcessPool.Builder builder = ProcessPool.builder().size(2).listener(reader);
        for (PoolListener other : others) {
            builder.listener(other);
        }
        pool = builder.build();
        List<Integer> inputs = IntStream.range(0, tasks).boxed().toList();
        pool.map(x -> x * 3, inputs, 500);
        pool.close();
        pool.join();
        assertThat(reader.problems).isEmpty();
        assertThat(reader.resultByTask).hasSize(tasks);
        inputs.forEach(x -> assertThat(reader.resultByTask.get(x)).isEqualTo(Integer.toString(x * 3)));
        return reader;
    }

    @Test
    void aListenerThatTakesRunsGetsEveryResultOnceAndInRunsWhenItIsTheOnlyListener() throws Exception {
        RunReader reader = mapWith(10_000);

        // 20 chunks of 500: far fewer runs than tasks, and no task as an event of its own.
        assertThat(reader.runs.get()).isBetween(1, 1_000);
        assertThat(reader.successEvents).hasValue(0);
    }

    @Test
    void aListenerThatTakesRunsGetsEventsWhenAnotherListenerReadsStarts() throws Exception {
        AtomicInteger successesHeardByTheOther = new AtomicInteger();
        RunReader reader = mapWith(5_000, event -> {
            if (event instanceof PoolEvent.TaskSucceeded) {
                successesHeardByTheOther.incrementAndGet();
            }
        });

        assertThat(successesHeardByTheOther).hasValue(5_000);
        assertThat(reader.runs).hasValue(0);
        assertThat(reader.successEvents).hasValue(5_000);
    }

    @Test
    void aListenerThatTakesRunsGetsEventsWhenAnotherListenerReadsNoStartsButTakesNoRuns() throws Exception {
        EventCounter counter = new EventCounter();
        RunReader reader = mapWith(5_000, counter);

        assertThat(counter.successes).hasValue(5_000);
        assertThat(reader.runs).hasValue(0);
        assertThat(reader.successEvents).hasValue(5_000);
    }
}
