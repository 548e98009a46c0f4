package io.garrison.ui.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import io.garrison.python.PythonScripts;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The tutorial's own Python programs run from their lessons with this machine's python3 (skipped where there is
 * none): their real output is the lesson's output, and a program with a Pool stands its real workers as soldiers.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LessonsInPythonTest {

    private static final Executor NOW = Runnable::run;
    private static final Duration EVENTS = Duration.ofSeconds(30);
    private final LessonsBundle english = new LessonsBundle(Locale.ENGLISH);

    @BeforeAll
    static void pythonIsHere() {
        PythonScripts.python();
    }

    @Test
    void theMapProgramPrintsItsSquaresFromFivePythonWorkers() {
        MapLessonViewModel lesson = new MapLessonViewModel(NOW);
        lesson.runInPython();
        Ticks.until(lesson::tick, () -> !lesson.isRunning(), EVENTS);

        assertThat(texts(lesson)).contains("[1, 4, 9, 16, 25, 36, 49, 64, 81, 100]",
                "the Python program ended with exit status 0");
        // The last events reach the board on the frames after the program's end, as they would on screen.
        Ticks.until(lesson::tick, () -> lesson.board().soldiers().stream().mapToInt(Soldier::getDone).sum() == 10,
                EVENTS);
        assertThat(lesson.board().soldiers()).hasSize(5);
        Ticks.until(lesson::tick, () -> lesson.parade().model().succeededShownProperty().get() == 10, EVENTS);
    }

    @Test
    void theSharedMemoryProgramShowsWhatItsChildWrote() {
        SharedMemoryLessonViewModel lesson = new SharedMemoryLessonViewModel(NOW, 0);
        lesson.runInPython();
        Ticks.until(lesson::tick, () -> !lesson.isRunning(), EVENTS);

        assertThat(texts(lesson)).contains("3.14", "[5, 1, 2, 3, 4, 5, 6, 7, 8, 9]",
                "the Python program ended with exit status 0");
    }

    @Test
    void theManagerProgramFillsItsSharedListFromThreePythonWorkers() {
        ManagerLessonViewModel lesson = new ManagerLessonViewModel(NOW, 0, Duration.ZERO);
        lesson.runInPython();
        Ticks.until(lesson::tick, () -> !lesson.isRunning(), EVENTS);

        List<String> texts = texts(lesson);
        assertThat(texts).contains("the Python program ended with exit status 0");
        // print(list(squares), dict(done_by)): the squares in whatever order the workers appended them.
        String printed = texts.stream().filter(line -> line.startsWith("[")).findFirst().orElseThrow();
        assertThat(printed.substring(1, printed.indexOf(']')).split(", ")).containsExactlyInAnyOrder("1", "4", "9",
                "16", "25", "36");
        Ticks.until(lesson::tick, () -> lesson.parade().model().succeededShownProperty().get() == 6, EVENTS);
        assertThat(lesson.board().soldiers()).hasSize(3);
    }

    @Test
    void theDeadWorkerProgramLosesItsTaskAndGivesUp() {
        DeadWorkerLessonViewModel lesson = new DeadWorkerLessonViewModel(NOW, 0);
        lesson.runInPython();
        Ticks.until(lesson::tick, () -> !lesson.isRunning(), EVENTS);

        List<String> texts = texts(lesson);
        assertThat(texts).contains("map lost a task; giving up", "the Python program ended with exit status 0");
        Ticks.until(lesson::tick, () -> lesson.parade().model().failedShownProperty().get() == 1, EVENTS);
        assertThat(lesson.board().soldiers()).anyMatch(s -> s.getState() == Soldier.State.DEAD);
    }

    private List<String> texts(LessonViewModel lesson) {
        return lesson.output().stream().map(english::text).toList();
    }
}
