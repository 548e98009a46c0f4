package io.garrison.ui.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The folders lessons make in the temporary directory go when they are done with. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LessonTempFoldersTest {

    private static final Executor NOW = Runnable::run;
    private static final Duration EVENTS = Duration.ofSeconds(20);

    @Test
    void theManagersKeyFolderGoesWhenTheManagerStops() {
        ManagerLessonViewModel lesson = new ManagerLessonViewModel(NOW, 50, Duration.ZERO);

        lesson.run();
        lesson.tick();

        Path keyFile = lesson.serverProperty().get().keyFile();
        assertThat(keyFile).doesNotExist();
        assertThat(keyFile.getParent()).doesNotExist();
    }

    @Test
    void downloadedPagesStayUntilTheNextRunAndGoWhenTheLessonCloses() {
        DownloadLessonViewModel lesson = new DownloadLessonViewModel(NOW);
        lesson.latencyMsProperty().set(20);

        Path first = runAndFindPages(lesson);
        assertThat(first).isDirectory();
        assertThat(first.toFile().list()).hasSize(6);

        Path second = runAndFindPages(lesson);
        assertThat(second).isNotEqualTo(first);
        assertThat(first).doesNotExist();
        assertThat(second).isDirectory();

        lesson.close();
        assertThat(second).doesNotExist();
    }

    /** Runs the lesson and returns the folder its summary names (its output starts afresh with each run). */
    private static Path runAndFindPages(DownloadLessonViewModel lesson) {
        lesson.run();
        Ticks.until(lesson::tick, () -> !lesson.isRunning() && summary(lesson) != null, EVENTS);
        return summary(lesson);
    }

    private static Path summary(DownloadLessonViewModel lesson) {
        return lesson.output().stream().filter(line -> line.key().equals("lesson.download.out.summary"))
                .map(line -> Path.of(line.args().get(3))).findFirst().orElse(null);
    }
}
