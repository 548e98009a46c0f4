package io.garrison.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import io.garrison.engine.PoolEvent;
import io.garrison.engine.PoolListener;
import io.garrison.engine.PoolState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Every lesson runner on real worker processes, without any UI. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LessonRunnersTest {

    private final List<PoolEvent> events = new CopyOnWriteArrayList<>();
    /** Latches counted down by the events they wait for; guarded by {@code this}, as is adding to events. */
    private final List<Waiter> waiters = new ArrayList<>();
    private final PoolListener listener = this::heard;

    private record Waiter(Predicate<PoolEvent> matching, CountDownLatch latch) {
    }

    private synchronized void heard(PoolEvent event) {
        events.add(event);
        for (Waiter waiter : waiters) {
            if (waiter.matching().test(event)) {
                waiter.latch().countDown();
            }
        }
    }

    /**
     * The events heard so far once at least {@code count} of them match: events reach listeners on their own
     * thread, so the last ones may still be on their way when a lesson's call returns.
     */
    private List<PoolEvent> heardAtLeast(int count, Predicate<PoolEvent> matching) throws InterruptedException {
        CountDownLatch enough;
        synchronized (this) {
            long already = events.stream().filter(matching).count();
            enough = new CountDownLatch((int) Math.max(0, count - already));
            waiters.add(new Waiter(matching, enough));
        }
        assertThat(enough.await(30, TimeUnit.SECONDS)).as("heard %d matching events within 30 s", count).isTrue();
        return List.copyOf(events);
    }

    @Test
    void mapSquaresOneToTenWithFiveWorkers() throws Exception {
        MapLesson.Outcome outcome = MapLesson.run(0, listener);

        assertThat(outcome.squares()).containsExactly(1, 4, 9, 16, 25, 36, 49, 64, 81, 100);
        assertThat(outcome.workerPids()).hasSize(MapLesson.WORKERS).doesNotContain(ProcessHandle.current().pid());
        assertThat(heardAtLeast(10, PoolEvent.TaskSucceeded.class::isInstance))
                .filteredOn(PoolEvent.TaskSucceeded.class::isInstance).hasSize(10);
    }

    @Test
    void applyAsyncStepsThroughEveryCall() throws Exception {
        try (ApplyAsyncLesson lesson = new ApplyAsyncLesson(2000, listener)) {
            ApplyAsyncLesson.StepResult start = lesson.step();
            assertThat(start.workerPids()).hasSize(ApplyAsyncLesson.WORKERS);

            lesson.step();
            ApplyAsyncLesson.StepResult ready = lesson.step();
            assertThat(ready.step()).isEqualTo(ApplyAsyncLesson.Step.CHECK_READY);
            assertThat(ready.ready()).containsExactly(false, false);

            assertThat(lesson.step().results()).containsExactly(9, 16);
            assertThat(lesson.step().state()).isIn(PoolState.CLOSED, PoolState.TERMINATED);
            ApplyAsyncLesson.StepResult joined = lesson.step();
            assertThat(joined.state()).isEqualTo(PoolState.TERMINATED);
            assertThat(joined.workerPids()).isEmpty();
            assertThat(lesson.next()).isEqualTo(ApplyAsyncLesson.Step.DONE);
        }
    }

    @Test
    void downloadsTheClassroomPagesWithThreeWorkers(@TempDir Path out) throws Exception {
        try (ClassroomWebServer web = ClassroomWebServer.start(Duration.ofMillis(50))) {
            DownloadLesson.Outcome outcome = DownloadLesson.run(DownloadLesson.offlineList(web), out, listener);

            assertThat(outcome.summary().succeeded()).isEqualTo(ClassroomWebServer.SITES.size());
            assertThat(outcome.files()).hasSize(ClassroomWebServer.SITES.size());
            String python = Files.readString(out.resolve(outcome.files().stream()
                    .filter(f -> f.toString().contains("python")).findFirst().orElseThrow()));
            assertThat(python).contains("<h1>www.python.org</h1>");
        }
        assertThat(events.stream().filter(PoolEvent.TaskStarted.class::isInstance)
                .map(e -> ((PoolEvent.TaskStarted) e).pid()).distinct().count()).isGreaterThan(1);
    }

    @Test
    void theOnlineListIsTheShippedDownloadTxt() {
        assertThat(DownloadLesson.onlineList()).contains("https://www.python.org/");
    }

    @Test
    void pythonModeLosesTheTaskAndTheLessonEndsItInTime() throws Exception {
        List<Long> killed = new CopyOnWriteArrayList<>();
        DeadWorkerLesson.Outcome outcome = DeadWorkerLesson.run(DeadWorkerLesson.Mode.PYTHON, 600,
                Duration.ofSeconds(3), listener, (pid, input, giveUpAt) -> killed.add(pid));

        assertThat(outcome.completed()).isFalse();
        assertThat(outcome.lostInput()).isEqualTo("2");
        assertThat(outcome.waitedMs()).isBetween(2_900L, 30_000L);
        assertThat(killed).containsExactly(outcome.killedPid());
        assertThat(heardAtLeast(1, e -> e instanceof PoolEvent.WorkerExited exited && exited.pid() == outcome.killedPid()))
                .filteredOn(PoolEvent.WorkerExited.class::isInstance)
                .extracting(e -> ((PoolEvent.WorkerExited) e).pid()).contains(outcome.killedPid());
    }

    @Test
    void garrisonModeRetriesTheTaskAndMapReturns() throws Exception {
        DeadWorkerLesson.Outcome outcome = DeadWorkerLesson.run(DeadWorkerLesson.Mode.GARRISON, 600,
                Duration.ofSeconds(30), listener, (pid, input, giveUpAt) -> { });

        assertThat(outcome.completed()).isTrue();
        assertThat(outcome.results()).containsExactly(1, 4, 9, 16, 25, 36);
        assertThat(heardAtLeast(1, e -> e instanceof PoolEvent.TaskStarted started && started.attempt() == 2))
                .filteredOn(PoolEvent.TaskStarted.class::isInstance)
                .filteredOn(e -> ((PoolEvent.TaskStarted) e).attempt() == 2).hasSize(1);
    }

    @Test
    void managerListAndDictFilledByWorkers(@TempDir Path dir) throws Exception {
        List<ManagerLesson.Server> servers = new CopyOnWriteArrayList<>();
        ManagerLesson.Outcome outcome = ManagerLesson.run(dir, ManagerLesson.Settings.of(Duration.ofMillis(50)), listener,
                new ManagerLesson.Observer() {
                    @Override
                    public void started(ManagerLesson.Server server) {
                        servers.add(server);
                    }

                    @Override
                    public void changed(ManagerLesson.Snapshot snapshot) {
                    }
                });

        assertThat(outcome.shared().list()).extracting(Object::toString)
                .containsExactlyInAnyOrder("1", "4", "9", "16", "25", "36");
        assertThat(outcome.shared().dict()).containsOnlyKeys("1", "2", "3", "4", "5", "6");
        assertThat(outcome.server().joinCommand()).startsWith("garrison manager client --host 127.0.0.1 ")
                .contains("--port " + outcome.server().port()).endsWith("list-get squares");
        assertThat(outcome.clientPids().get(0)).isEqualTo(ProcessHandle.current().pid());
        assertThat(servers).containsExactly(outcome.server());
        assertThat(outcome.server().keyFile()).doesNotExist();
    }

    @Test
    void theJoinCommandReachesALingeringManager(@TempDir Path dir) throws Exception {
        List<Integer> exits = new CopyOnWriteArrayList<>();
        ManagerLesson.Settings settings = new ManagerLesson.Settings(Duration.ZERO, false, Duration.ofSeconds(30));
        ManagerLesson.Outcome outcome = ManagerLesson.run(dir, settings, listener, new ManagerLesson.Observer() {
            private ManagerLesson.Server server;

            @Override
            public void started(ManagerLesson.Server started) {
                server = started;
            }

            @Override
            public void changed(ManagerLesson.Snapshot snapshot) {
            }

            @Override
            public void lingering(long untilMs) {
                // What a second terminal types, with list-append in place of list-get.
                String[] words = server.joinCommand().replace("list-get squares", "list-append squares 100").split(" ");
                exits.add(io.garrison.cli.GarrisonCommand.execute(java.util.Arrays.copyOfRange(words, 1, words.length)));
            }

            @Override
            public boolean keepServing() {
                return exits.isEmpty();
            }
        });

        assertThat(exits).containsExactly(0);
        assertThat(outcome.shared().list()).extracting(Object::toString).contains("100").hasSize(7);
    }

    @Test
    void sharedMemoryLiveRunLeavesTheChildsWrites() throws Exception {
        try (var value = io.garrison.shared.SharedValue.ofDouble(0.0);
             var array = io.garrison.shared.SharedArray.ofInts(0, 1, 2, 3, 4, 5, 6, 7, 8, 9)) {
            SharedMemoryLesson.Outcome outcome = SharedMemoryLesson.run(value, array, Duration.ofMillis(100), listener);
            assertThat(value.getDouble()).isEqualTo(3.14);
            assertThat(array.getLong(0)).isEqualTo(5);
            assertThat(outcome.lines()).containsExactly("value=3.14", "array=[5, 1, 2, 3, 4, 5, 6, 7, 8, 9]");
        }
    }

    @Test
    void raceWithAListenerCountsExactlyWithTheLock() throws Exception {
        RaceLesson.Outcome outcome = RaceLesson.run(2, 20_000, listener);
        assertThat(outcome.locked()).isEqualTo(40_000);
        assertThat(outcome.unlocked()).isBetween(1L, 40_000L);
    }
}
