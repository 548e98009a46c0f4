package io.garrison.ui.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import io.garrison.lessons.ApplyAsyncLesson;
import io.garrison.lessons.DeadWorkerLesson;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every lesson played through its view model on real processes, without a robot: a current-thread executor
 * makes Run return when the lesson has finished, and the test ticks in place of the frame timer.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LessonViewModelsTest {

    private static final Executor NOW = Runnable::run;
    private static final Duration EVENTS = Duration.ofSeconds(20);
    private final LessonsBundle english = new LessonsBundle(Locale.ENGLISH);

    @Test
    void mapShowsTheSquaresAndFiveSoldiers() throws Exception {
        MapLessonViewModel lesson = new MapLessonViewModel(NOW);
        lesson.workMsProperty().set(0);

        lesson.run();
        Ticks.until(lesson::tick, () -> !lesson.isRunning() && lesson.board().soldiers().size() == 5, EVENTS);

        assertThat(texts(lesson)).anyMatch(l -> l.contains("[1, 4, 9, 16, 25, 36, 49, 64, 81, 100]"));
        Ticks.until(lesson::tick, () -> lesson.board().soldiers().stream().mapToInt(Soldier::getDone).sum() == 10, EVENTS);
        assertThat(lesson.parade().model().soldiers()).extracting(s -> s.getPid())
                .containsExactlyInAnyOrderElementsOf(lesson.board().soldiers().stream().map(Soldier::getPid).toList());
    }

    @Test
    void applyAsyncStepsOneCallAtATime() throws Exception {
        ApplyAsyncLessonViewModel lesson = new ApplyAsyncLessonViewModel(NOW, 2000, 0);

        lesson.step();
        lesson.tick();
        assertThat(lesson.nextStepProperty().get()).isEqualTo(ApplyAsyncLesson.Step.APPLY_ASYNC);
        Ticks.until(lesson::tick, () -> lesson.board().soldiers().size() == 3, EVENTS);

        lesson.step();
        Ticks.until(lesson::tick, () -> lesson.board().soldiers().stream()
                .filter(s -> s.getState() == Soldier.State.BUSY).count() == 2, EVENTS);
        lesson.step();
        lesson.tick();
        assertThat(texts(lesson).get(2)).contains("[false, false]");

        lesson.run();
        lesson.tick();
        assertThat(lesson.nextStepProperty().get()).isEqualTo(ApplyAsyncLesson.Step.DONE);
        assertThat(texts(lesson)).anyMatch(l -> l.contains("[9, 16]")).last().asString().contains("TERMINATED");
    }

    @Test
    void downloadOfflineSavesEveryClassroomPage() throws Exception {
        try (DownloadLessonViewModel lesson = new DownloadLessonViewModel(NOW)) {
            lesson.latencyMsProperty().set(20);

            lesson.run();
            Ticks.until(lesson::tick, () -> !lesson.isRunning()
                    && texts(lesson).stream().anyMatch(l -> l.contains("pages downloaded")), EVENTS);

            assertThat(texts(lesson)).last().asString().startsWith("6 of 6 pages downloaded");
            assertThat(texts(lesson)).filteredOn(l -> l.contains("saved by PID")).hasSize(6);
        }
    }

    @Test
    void sharedMemoryCellsFollowTheChild() throws Exception {
        SharedMemoryLessonViewModel lesson = new SharedMemoryLessonViewModel(NOW, 50);

        lesson.run();
        lesson.tick();

        assertThat(lesson.valueProperty().get()).isEqualTo(3.14);
        assertThat(lesson.cells()).containsExactly(5L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(texts(lesson)).last().asString().contains("3.14").contains("[5, 1, 2");
    }

    @Test
    void raceShowsLostUpdatesOnlyWithoutTheLock() throws Exception {
        RaceLessonViewModel lesson = new RaceLessonViewModel(NOW);
        lesson.workersProperty().set(2);
        lesson.incrementsProperty().set(50_000);

        lesson.run();
        lesson.tick();

        assertThat(lesson.outcomeProperty().get().locked()).isEqualTo(100_000);
        assertThat(texts(lesson)).contains("With the lock: expected 100000, got 100000, lost 0");
    }

    @Test
    void managerShowsItsProcessTheJoinCommandAndTheList() throws Exception {
        ManagerLessonViewModel lesson = new ManagerLessonViewModel(NOW, 50, Duration.ZERO);

        lesson.run();
        lesson.tick();

        assertThat(lesson.serverProperty().get().pid()).isPositive();
        assertThat(lesson.serverProperty().get().joinCommand()).contains("list-get squares");
        assertThat(lesson.list()).containsExactlyInAnyOrder("1", "4", "9", "16", "25", "36");
        assertThat(lesson.dict()).hasSize(6);
        assertThat(lesson.clients()).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void deadWorkerInPythonModeCountsDownThenTerminates() throws Exception {
        DeadWorkerLessonViewModel lesson = new DeadWorkerLessonViewModel(NOW, 600);
        lesson.patienceSecondsProperty().set(2);

        lesson.run();
        Ticks.until(lesson::tick, () -> !lesson.isRunning(), EVENTS);

        assertThat(texts(lesson)).anyMatch(l -> l.startsWith("Killed worker PID"))
                .anyMatch(l -> l.contains("map would have waited forever"));
        assertThat(lesson.secondsLeftProperty().get()).isEqualTo(-1);
        Ticks.until(lesson::tick, () -> lesson.board().soldiers().stream()
                .anyMatch(s -> s.getState() == Soldier.State.DEAD), EVENTS);
    }

    @Test
    void deadWorkerInGarrisonModeRetriesAndCompletes() throws Exception {
        DeadWorkerLessonViewModel lesson = new DeadWorkerLessonViewModel(NOW, 600);
        lesson.modeProperty().set(DeadWorkerLesson.Mode.GARRISON);

        lesson.run();
        Ticks.until(lesson::tick, () -> !lesson.isRunning(), EVENTS);

        assertThat(texts(lesson)).anyMatch(l -> l.startsWith("map returned every result: [1, 4, 9, 16, 25, 36]"));
    }

    @Test
    void killOnlyReachesTheLessonsOwnLiveWorkers() throws Exception {
        MapLessonViewModel lesson = new MapLessonViewModel(NOW);
        assertThat(lesson.killWorker(ProcessHandle.current().pid())).isFalse();

        lesson.run();
        Ticks.until(lesson::tick, () -> lesson.board().soldiers().size() == 5, EVENTS);

        // The pool has closed and its workers left: nothing of the lesson is alive to kill.
        long left = lesson.board().soldiers().get(0).getPid();
        Ticks.until(lesson::tick, () -> lesson.board().soldiers().get(0).getState() == Soldier.State.LEFT, EVENTS);
        assertThat(lesson.killWorker(left)).isFalse();
    }

    @Test
    void theCountdownFollowsTheDeadline() {
        DeadWorkerLessonViewModel lesson = new DeadWorkerLessonViewModel(NOW, 600);
        lesson.tick();
        assertThat(lesson.secondsLeftProperty().get()).isEqualTo(-1);
    }

    private List<String> texts(LessonViewModel lesson) {
        return lesson.output().stream().map(english::text).toList();
    }
}
