package io.garrison.ui.main;

import static org.assertj.core.api.Assertions.assertThat;

import io.garrison.testing.Await;
import io.garrison.ui.check.PictureCheck;
import io.garrison.ui.i18n.I18n;
import io.garrison.ui.parade.Soldier;
import io.garrison.ui.parade.SoldierState;
import io.garrison.ui.tasks.TaskRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The window drawing a real {@code garrison run --watch-port 0} it did not start: found among the user's runs,
 * drawn from the run's first event, and a soldier's Kill -9 that the run carries out on its worker, whose task it
 * retries.
 */
@Timeout(180)
class WatchedRunTest {

    private static final Pattern PORT = Pattern.compile("garrison watch --port (\\d+)");

    @TempDir
    Path dir;
    private MainViewModel model;
    private Process run;

    @BeforeEach
    void setUp() {
        I18n.setLocale(Locale.ENGLISH);
        model = new MainViewModel(Runnable::run, Runnable::run, System::currentTimeMillis);
    }

    @AfterEach
    void tearDown() {
        model.shutdown();
        if (run != null) {
            run.descendants().forEach(ProcessHandle::destroyForcibly);
            run.destroyForcibly();
        }
    }

    @Test
    void aRunningRunIsDrawnFromItsStartAndItsWorkerKilledFromItsSoldier() throws Exception {
        Path list = dir.resolve("waits.txt");
        Files.writeString(list, "900\n".repeat(12));
        Path err = dir.resolve("stderr.txt");
        run = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.language=en", "-cp", System.getProperty("java.class.path"), "io.garrison.Launcher",
                "run", "-k", "sleep", "-p", "3", "--retries", "1", "--watch-port", "0", list.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
        int port = Await.await("the run's port", () -> {
            try {
                Matcher found = PORT.matcher(Files.readString(err));
                return found.find() ? Optional.of(Integer.parseInt(found.group(1))) : Optional.<Integer>empty();
            } catch (IOException e) {
                return Optional.<Integer>empty();
            }
        }, Duration.ofSeconds(60));
        assertThat(model.watchableRuns()).anyMatch(r -> r.port() == port && r.pid() == run.pid());

        model.watchRun(port);
        frameUntil("three soldiers at work", () -> model.parade().soldiers().stream()
                .filter(s -> s.getState() == SoldierState.WORKING).count() == 3);
        assertThat(model.canKillWorkers()).isTrue();
        assertThat(model.killRefusalProperty().get()).isEmpty();
        Soldier victim = model.parade().soldiers().stream().filter(s -> s.getState() == SoldierState.WORKING)
                .findFirst().orElseThrow();
        assertThat(ProcessHandle.of(victim.getPid()).flatMap(ProcessHandle::parent).map(ProcessHandle::pid))
                .as("the soldier is the run's worker").contains(run.pid());

        model.killWorker(victim.getId());

        frameUntil("the soldier's fall", () -> victim.getState() == SoldierState.DEAD
                || victim.getState().isGone());
        assertThat(run.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(run.exitValue()).as("the killed worker's task was retried").isZero();
        frameUntil("the stream's end and a settled picture", () -> model.watchEndedProperty().get()
                && model.parade().isSettled() && model.getPhase() == MainViewModel.Phase.FINISHED);
        assertThat(model.board().rows()).extracting(TaskRow::getResult).containsOnly("900").hasSize(12);
        assertThat(model.board().rows()).anyMatch(row -> row.getAttempt() == 2);
        PictureCheck.Verdict verdict = PictureCheck.judge(model.drawnPicture(), model.realPicture(null),
                model.parade().lag());
        assertThat(verdict.details()).as(verdict.line()).isEmpty();
        assertThat(verdict.done()).isEqualTo(12);
    }

    private void frameUntil(String what, BooleanSupplier condition) {
        ModelFrames.until(model, what, condition);
    }
}
