package io.garrison.ui.main;

import static org.assertj.core.api.Assertions.assertThat;

import io.garrison.stream.LineEventSource;
import io.garrison.ui.check.PictureCheck;
import io.garrison.ui.i18n.I18n;
import io.garrison.ui.parade.Soldier;
import io.garrison.ui.tasks.TaskRow;
import io.garrison.ui.tasks.TaskStatus;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The window drawing a stream of a real {@code garrison run --json}: replayed from its saved file and read live
 * from a pipe, it ends in the same picture as the window's own run of the same list, and the self-check finds no
 * disagreement with the stream. Executors run at once; the test drains the pump and draws frames itself.
 */
@Timeout(180)
class WatchedStreamTest {

    /** Slow enough that several workers are seen at work, with one line that cannot run. */
    private static final String LIST = "300\n120\nnot-a-number\n250\n80\n400\n150\n60\n200\n";

    @TempDir
    static Path dir;
    static Path saved;

    private final List<MainViewModel> models = new ArrayList<>();

    @BeforeAll
    static void recordARun() throws Exception {
        Path list = dir.resolve("sleeps.txt");
        Files.writeString(list, LIST);
        saved = dir.resolve("run.jsonl");
        Process run = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.language=en", "-cp", System.getProperty("java.class.path"), "io.garrison.Launcher",
                "run", "-k", "sleep", "-p", "3", "--json", list.toString())
                .redirectOutput(saved.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(run.waitFor(90, TimeUnit.SECONDS)).as("the run ends").isTrue();
        assertThat(run.exitValue()).as("one line cannot run").isEqualTo(1);
    }

    @BeforeEach
    void english() {
        I18n.setLocale(Locale.ENGLISH);
    }

    @AfterEach
    void shutDown() {
        models.forEach(MainViewModel::shutdown);
    }

    @Test
    void aReplayAndALivePipeEndInTheAppsOwnPictureOfTheList() throws Exception {
        MainViewModel replayed = model();
        replayed.replay(saved, 100);
        assertThat(replayed.isReplay()).isTrue();
        List<String> replayPicture = finalPicture(replayed);

        MainViewModel piped = model();
        InputStream pipe = Files.newInputStream(saved);
        piped.watch("a pipe", new LineEventSource(pipe, "test-pipe"));
        List<String> pipePicture = finalPicture(piped);

        MainViewModel own = model();
        own.poolSizeProperty().set(3);
        own.kindProperty().set("sleep");
        own.loadText("sleeps", LIST);
        own.start();
        frameUntil(own, "the app's own run to finish", () -> own.getPhase() == MainViewModel.Phase.FINISHED);
        List<String> ownPicture = rows(own);

        assertThat(replayPicture).hasSize(9).isEqualTo(ownPicture);
        assertThat(pipePicture).isEqualTo(ownPicture);
        assertThat(replayPicture.get(2)).startsWith("3 not-a-number FAILED line 3:");
        assertThat(replayed.lastSummaryProperty().get().succeeded()).isEqualTo(8);
        assertThat(replayed.lastSummaryProperty().get().failed()).isEqualTo(1);
        assertThat(replayed.log().lines()).anyMatch(line -> line.contains("replaying run.jsonl"));
    }

    @Test
    void aReplaySoughtBackDrawsAgainFromItsStartAndEndsTheSame() {
        MainViewModel replayed = model();
        replayed.replay(saved, 100);
        List<String> first = finalPicture(replayed);

        replayed.pauseReplay();
        replayed.seekReplay(0);
        assertThat(replayed.board().getFinished()).as("the picture is drawn again from the first event").isZero();
        assertThat(replayed.parade().soldiers()).isEmpty();
        assertThat(replayed.getPhase()).isEqualTo(MainViewModel.Phase.RUNNING);
        replayed.seekReplay(replayed.replayLengthMs() / 2);
        frame(replayed);
        int midway = replayed.board().getFinished();
        assertThat(midway).as("half-way, part of the run is drawn").isBetween(1, 8);

        replayed.playReplay();
        assertThat(finalPicture(replayed)).isEqualTo(first);
    }

    @Test
    void newsOnItsWayIsDroppedWhenTheReplayGoesBackOrAnotherStreamIsWatched() throws Exception {
        // A clock of the test's own: which events are due, and when, is then the test's to say.
        AtomicLong now = new AtomicLong(1_000_000);
        MainViewModel replayed = new MainViewModel(Runnable::run, Runnable::run, now::get);
        models.add(replayed);
        replayed.replay(saved, 1);
        replayed.frame();
        now.addAndGet(replayed.replayLengthMs() / 2);
        // The events due by half-way go to the pump; the frame that would draw them has not come yet.
        replayed.frame();
        assertThat(replayed.pump().backlog()).as("events on their way").isPositive();

        replayed.seekReplay(0);
        replayed.pump().drain();
        assertThat(replayed.board().getFinished()).as("nothing of before the seek").isZero();
        assertThat(replayed.board().getTotal()).isZero();

        now.addAndGet(replayed.replayLengthMs() / 2);
        replayed.frame();
        assertThat(replayed.pump().backlog()).isPositive();
        Path other = dir.resolve("other.jsonl");
        List<String> savedLines = Files.readAllLines(saved);
        int firstStart = 0;
        while (!savedLines.get(firstStart).contains("\"task-started\"")) {
            firstStart++;
        }
        List<String> firstLines = savedLines.subList(0, firstStart + 1);
        Files.write(other, firstLines);
        // The other stream's rows: up to the highest task its lines name (they end with its first task's start).
        int otherTasks = firstLines.stream().map(line -> java.util.regex.Pattern.compile("\"task\":(\\d+)")
                .matcher(line)).filter(java.util.regex.Matcher::find)
                .mapToInt(found -> Integer.parseInt(found.group(1)) + 1).max().orElse(0);
        replayed.replay(other, 1);
        replayed.pump().drain();
        assertThat(replayed.board().getTotal()).as("none of the first stream's rows").isZero();
        assertThat(replayed.lastSummaryProperty().get()).as("nor its summary").isNull();
        replayed.frame();
        now.addAndGet(60_000);
        ModelFrames.frame(replayed);
        assertThat(replayed.board().getTotal()).as("the other stream's own tasks").isEqualTo(otherTasks);
        assertThat(otherTasks).isPositive();
    }

    @Test
    void aStreamThatReachesNoPoolRefusesKillWithItsReason() {
        MainViewModel replayed = model();
        replayed.replay(saved, 1);
        frameUntil(replayed, "a soldier", () -> !replayed.parade().soldiers().isEmpty());
        assertThat(replayed.canKillWorkers()).isFalse();
        assertThat(replayed.watchNoteProperty().get()).contains("replay reaches no pool");
        Soldier soldier = replayed.parade().soldiers().get(0);
        replayed.killWorker(soldier.getId());
        assertThat(replayed.log().lines()).anyMatch(line -> line.contains("replay reaches no pool"));
        replayed.stopWatching();
        assertThat(replayed.isWatching()).isFalse();
        assertThat(replayed.getPhase()).isEqualTo(MainViewModel.Phase.READY);
    }

    private MainViewModel model() {
        MainViewModel model = new MainViewModel(Runnable::run, Runnable::run, System::currentTimeMillis);
        models.add(model);
        return model;
    }

    /** Frames until the stream ended and the picture settled; then judges it against the stream. */
    private List<String> finalPicture(MainViewModel model) {
        frameUntil(model, "the stream to end and the picture to settle", () -> model.watchEndedProperty().get()
                && model.getPhase() == MainViewModel.Phase.FINISHED && model.parade().isSettled()
                && model.parade().soldiers().stream().allMatch(s -> s.getState().isGone()));
        PictureCheck.Verdict verdict = PictureCheck.judge(model.drawnPicture(), model.realPicture(null),
                model.parade().lag());
        assertThat(verdict.details()).as(verdict.line()).isEmpty();
        assertThat(verdict.done()).isEqualTo(8);
        assertThat(verdict.failed()).isEqualTo(1);
        return rows(model);
    }

    private static List<String> rows(MainViewModel model) {
        List<String> rows = new ArrayList<>();
        for (TaskRow row : model.board().rows()) {
            TaskStatus status = row.getStatus();
            rows.add(row.getLine() + " " + row.getInput() + " " + status + " "
                    + (status == TaskStatus.SUCCEEDED ? row.getResult() : String.valueOf(row.getError())));
        }
        return rows;
    }

    private static void frame(MainViewModel model) {
        ModelFrames.frame(model);
    }

    private static void frameUntil(MainViewModel model, String what, BooleanSupplier condition) {
        ModelFrames.until(model, what, condition);
    }
}
