package io.garrison.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import io.garrison.engine.ProcessPool;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The way the desktop app runs lessons: on a pool it owns, possibly smaller than the lesson's worker count. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LessonsOnASharedPoolTest {

    @Test
    void bothLessonsRunOnTheCallersPool() throws Exception {
        try (ProcessPool pool = ProcessPool.builder().size(2).build()) {
            SharedMemoryLesson.Outcome shared = SharedMemoryLesson.run(pool);
            assertThat(shared.lines()).containsExactly("value=3.14", "array=[5, 1, 2, 3, 4, 5, 6, 7, 8, 9]");

            RaceLesson.Outcome race = RaceLesson.run(pool, 3, 5_000);
            assertThat(race.expected()).isEqualTo(15_000);
            assertThat(race.locked()).isEqualTo(15_000);
            assertThat(race.unlocked()).isBetween(1L, 15_000L);
            assertThat(pool.workerPids()).contains(shared.workerPid()).containsAll(race.workerPids());
        }
    }
}
