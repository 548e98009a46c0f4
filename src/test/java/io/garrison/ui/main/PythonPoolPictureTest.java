package io.garrison.ui.main;

import static org.assertj.core.api.Assertions.assertThat;

import io.garrison.python.PythonScripts;
import io.garrison.testing.Await;
import io.garrison.ui.check.PictureCheck;
import io.garrison.ui.i18n.I18n;
import io.garrison.ui.parade.Soldier;
import io.garrison.ui.parade.SoldierState;
import io.garrison.ui.tasks.TaskRow;
import io.garrison.ui.tasks.TaskStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The window drawing a real Python script's own Pool (skipped where there is no python3): the tutorial's map on
 * five Python workers whose soldiers carry their PIDs, and a soldier's Kill -9 that kills a real Python worker,
 * after which Python's pool loses the task, waits, and the window stops the script after its patience.
 */
@Timeout(180)
class PythonPoolPictureTest {

    private static final String TUTORIAL = """
            import multiprocessing as mp
            import time

            def f(x):
                time.sleep(%s)
                return x * x

            if __name__ == "__main__":
                with mp.Pool(5) as pool:
                    print(pool.map(f, range(1, 11)))
            """;

    @TempDir
    Path dir;
    private MainViewModel model;

    @BeforeAll
    static void pythonIsHere() {
        PythonScripts.python();
    }

    @BeforeEach
    void setUp() {
        I18n.setLocale(Locale.ENGLISH);
        model = new MainViewModel(Runnable::run, Runnable::run, System::currentTimeMillis);
    }

    @AfterEach
    void tearDown() {
        model.shutdown();
    }

    @Test
    void theTutorialsMapStandsFivePythonWorkersAndPrintsItsSquares() throws Exception {
        Path script = dir.resolve("squares.py");
        Files.writeString(script, TUTORIAL.formatted("0.4"));
        model.watchPython(script, List.of());

        frameUntil("five soldiers at work", () -> model.parade().soldiers().size() == 5
                && model.board().runningProperty().get() == 5);
        for (Soldier soldier : model.parade().soldiers()) {
            ProcessHandle worker = ProcessHandle.of(soldier.getPid()).orElseThrow();
            assertThat(worker.info().command().orElse("")).as("soldier %s", soldier.getPid()).contains("python");
            assertThat(worker.parent().flatMap(parent -> parent.info().arguments()).map(List::of).orElse(List.of()))
                    .as("its parent runs the script").contains(script.toString());
        }
        frameUntil("the script to end", () -> model.watchEndedProperty().get() && model.parade().isSettled());

        assertThat(model.board().rows()).extracting(TaskRow::getResult)
                .containsExactly("1", "4", "9", "16", "25", "36", "49", "64", "81", "100");
        assertThat(model.log().lines()).anyMatch(line -> line.endsWith("[1, 4, 9, 16, 25, 36, 49, 64, 81, 100]"))
                .anyMatch(line -> line.contains("ended with exit status 0"));
        judgeAgainstTheStream();
    }

    @Test
    void aSoldierKilledIsAPythonWorkerKilledWhoseTaskPythonLosesAndTheScriptIsStopped() throws Exception {
        Path script = dir.resolve("squares.py");
        Files.writeString(script, TUTORIAL.formatted("1.5"));
        model.watchPython(script, List.of(), Duration.ofSeconds(3));
        frameUntil("five soldiers at work", () -> model.board().runningProperty().get() == 5
                && model.parade().soldiers().stream().filter(s -> s.getState() == SoldierState.WORKING).count() == 5);
        assertThat(model.canKillWorkers()).isTrue();
        Soldier victim = model.parade().soldiers().get(0);

        model.killWorker(victim.getId());

        frameUntil("the worker gone", () -> ProcessHandle.of(victim.getPid()).map(p -> !p.isAlive()).orElse(true));
        frameUntil("the lost task", () -> model.board().getFailed() == 1);
        TaskRow lost = model.board().rows().stream().filter(r -> r.getStatus() == TaskStatus.FAILED).findFirst()
                .orElseThrow();
        assertThat(lost.getPid()).isEqualTo(victim.getPid());
        assertThat(lost.getError()).startsWith("lost: its worker died");
        frameUntil("Python's pool waiting for ever", () -> !model.waitingForLostProperty().get().isEmpty());
        assertThat(model.board().getSucceeded()).isEqualTo(9);

        frameUntil("the script stopped after its patience", () -> model.watchEndedProperty().get());
        assertThat(model.problemProperty().get()).contains("stopped after its patience");
        assertThat(model.waitingForLostProperty().get()).isEmpty();
        Await.await("no process of the script left", () -> ProcessHandle.allProcesses().noneMatch(p -> p.info()
                .arguments().map(List::of).orElse(List.of()).contains(script.toString())), Duration.ofSeconds(20));
        frameUntil("the picture settled", () -> model.parade().isSettled());
        judgeAgainstTheStream();
    }

    private void judgeAgainstTheStream() {
        PictureCheck.Verdict verdict = PictureCheck.judge(model.drawnPicture(), model.realPicture(null),
                model.parade().lag());
        assertThat(verdict.details()).as(verdict.line()).isEmpty();
    }

    private void frameUntil(String what, BooleanSupplier condition) {
        ModelFrames.until(model, what, condition);
    }
}
