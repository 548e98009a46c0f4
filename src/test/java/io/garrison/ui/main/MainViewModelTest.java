package io.garrison.ui.main;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.garrison.ProcStat;
import io.garrison.engine.PoolState;
import io.garrison.engine.RunSummary;
import io.garrison.testing.Await;
import io.garrison.ui.i18n.I18n;
import io.garrison.ui.parade.Soldier;
import io.garrison.ui.parade.SoldierState;
import io.garrison.ui.tasks.TaskRow;
import io.garrison.ui.tasks.TaskStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The main view model on a real pool, without a window: executors run at once on the test thread, and the
 * test drains the event pump itself, as the FX thread would once per frame.
 */
@Timeout(120)
class MainViewModelTest {

    @TempDir
    Path dir;

    private MainViewModel model;

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
    void givenTheTutorialWhenRunThenSquaresAreComputedByTheWorkersShownAsSoldiers() throws Exception {
        AtomicReference<RunSummary> finished = new AtomicReference<>();
        model.setOnRunFinished(finished::set);
        model.poolSizeProperty().set(3);

        model.loadTutorial();
        model.preparePool();
        assertThat(model.getPhase()).isEqualTo(MainViewModel.Phase.READY);
        assertThat(model.pool().awaitReady(Duration.ofSeconds(60))).isTrue();
        frameUntil("three soldiers", () -> model.parade().soldiers().size() == 3);
        assertThat(model.parade().soldiers()).extracting(Soldier::getPid)
                .containsExactlyInAnyOrderElementsOf(model.pool().workerPids());

        model.start();
        frameUntil("the run to finish", () -> model.getPhase() == MainViewModel.Phase.FINISHED);

        assertThat(finished.get().succeeded()).isEqualTo(10);
        assertThat(model.board().rows()).extracting(TaskRow::getResult)
                .containsExactly("1", "4", "9", "16", "25", "36", "49", "64", "81", "100");
        assertThat(model.board().rows()).extracting(TaskRow::getPid).allMatch(pid -> pid > 0);
        assertThat(model.timeline().bars()).hasSize(10);
        assertThat(model.log().lines()).anyMatch(line -> line.contains("run finished"))
                .anyMatch(line -> line.endsWith("[1, 4, 9, 16, 25, 36, 49, 64, 81, 100]"));
    }

    @Test
    void givenAListWithInvalidLinesThenTheyFailWithTheirReasonAndExportsCarryThem() throws Exception {
        model.poolSizeProperty().set(2);
        model.loadText("mixed", "2\nnot-a-number\n4\n");
        assertThat(model.board().rows().get(1).getStatus()).isEqualTo(TaskStatus.INVALID);
        assertThat(model.board().rows().get(1).getError()).startsWith("line 2:");

        model.start();
        frameUntil("the run to finish", () -> model.getPhase() == MainViewModel.Phase.FINISHED);
        assertThat(model.lastSummaryProperty().get().failed()).isEqualTo(1);
        assertThat(model.board().rows().get(1).getStatus()).isEqualTo(TaskStatus.FAILED);

        Path csv = dir.resolve("r.csv");
        Path json = dir.resolve("r.json");
        Path joblog = dir.resolve("joblog.tsv");
        model.exportCsv(csv);
        model.exportJson(json);
        frameUntil("the joblog's header and three rows", () -> {
            try {
                model.exportJobLog(joblog);
                return Files.readAllLines(joblog).size() == 4;
            } catch (IOException e) {
                return false;
            }
        });

        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith("task,line,input,status,pid");
        assertThat(lines.get(1)).startsWith("0,1,2,succeeded,");
        assertThat(lines.get(2)).startsWith("1,2,not-a-number,failed,0,").contains("line 2:");
        JsonNode rows = new ObjectMapper().readTree(json.toFile());
        assertThat(rows).hasSize(3);
        assertThat(rows.get(2).get("result").asText()).isEqualTo("16");
        assertThat(Files.readAllLines(joblog).get(0)).startsWith("seq\tline\tpid");
    }

    @Test
    void givenAFileThenItLoadsWithProgressAndTheKindDecidesWhichLinesAreValid() throws Exception {
        Path list = dir.resolve("list.txt");
        Files.writeString(list, "100\nhttp://example.com/\n");
        model.loadFile(list);
        assertThat(model.listNameProperty().get()).isEqualTo("list.txt");
        assertThat(model.board().invalidProperty().get()).isEqualTo(1);

        model.kindProperty().set("download");

        assertThat(model.board().rows().get(0).getStatus()).isEqualTo(TaskStatus.INVALID);
        assertThat(model.board().rows().get(1).getStatus()).isEqualTo(TaskStatus.WAITING);
    }

    @Test
    void givenARunningPoolWhenClosedThenItsWorkersLeaveRatherThanDieAndThePoolEndsTerminated() throws Exception {
        model.poolSizeProperty().set(2);
        model.loadTutorial();
        model.preparePool();
        frameUntil("two soldiers", () -> model.parade().soldiers().size() == 2);
        List<Soldier> soldiers = List.copyOf(model.parade().soldiers());
        Set<SoldierState> seen = EnumSet.noneOf(SoldierState.class);
        soldiers.forEach(s -> s.stateProperty().addListener((obs, old, now) -> seen.add(now)));

        model.closePool();
        frameUntil("the pool terminated and its soldiers gone",
                () -> model.poolStateProperty().get() == PoolState.TERMINATED && model.parade().soldiers().isEmpty());

        assertThat(seen).contains(SoldierState.LEAVING).doesNotContain(SoldierState.DEAD);
    }

    @Test
    void givenAMissingFileThenTheProblemIsShownAndNothingElseChanges() {
        model.loadTutorial();
        model.loadFile(dir.resolve("nope.txt"));
        assertThat(model.problemProperty().get()).contains("nope.txt");
        assertThat(model.getPhase()).isEqualTo(MainViewModel.Phase.READY);
        assertThat(model.board().getTotal()).isEqualTo(10);
    }

    @Test
    void givenAPoolThenItsWorkersRunAtTheLowestCpuPriority() throws Exception {
        Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "needs Linux's /proc");
        model.poolSizeProperty().set(2);

        model.loadTutorial();
        model.preparePool();
        assertThat(model.pool().awaitReady(Duration.ofSeconds(60))).isTrue();

        // then: so that a busy pool cannot take the window's frames: SCHED_IDLE (5), or nice 19 where chrt is missing
        boolean chrt = schedIdleWorksHere();
        for (long pid : model.pool().workerPids()) {
            if (chrt) {
                assertThat(ProcStat.field(pid, 41)).as("scheduling policy of worker %d", pid).isEqualTo(5);
            } else {
                assertThat(ProcStat.field(pid, 19)).as("nice of worker %d", pid).isEqualTo(19);
            }
        }
    }

    private static boolean schedIdleWorksHere() throws InterruptedException {
        try {
            Process check = new ProcessBuilder("chrt", "--idle", "0", "/bin/true").redirectErrorStream(true).start();
            return check.waitFor(10, TimeUnit.SECONDS) && check.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** Plays frames (drain + per-frame work) until the condition holds; generous for two busy cores. */
    private void frameUntil(String what, BooleanSupplier condition) {
        Await.await(what, () -> {
            model.pump().drain();
            model.frame();
            return condition.getAsBoolean();
        }, Duration.ofSeconds(90));
    }
}
