package io.garrison.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.garrison.testing.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The joblog belongs to one run, holds whole rows only, and a damaged one never stops --resume: real runs. */
@Timeout(120)
class JoblogHardeningTest {

    private static final String HEADER = "seq\tline\tpid\tstart_ms\truntime_ms\tstatus\texitval\terror\tinput";

    @TempDir
    Path dir;

    @Test
    void aJoblogPointedAtTheTaskListItselfIsRefusedAndTheListIsLeftUntouched() throws Exception {
        byte[] list = "1\n2\n3\n4\n5\n".getBytes(StandardCharsets.US_ASCII);
        Files.write(dir.resolve("l"), list);

        CliProcess run = CliProcess.run(dir, "", "run", "-p", "1", "--joblog", "l", "l");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("garrison run: --joblog l is not a joblog");
        assertThat(run.stdout()).isEmpty();
        assertThat(Files.readAllBytes(dir.resolve("l"))).isEqualTo(list);
    }

    @Test
    void anEmptyFileBecomesAJoblog() throws Exception {
        Files.writeString(dir.resolve("l"), "1\n2\n");
        Files.createFile(dir.resolve("j.tsv"));

        CliProcess run = CliProcess.run(dir, "", "run", "-p", "1", "--joblog", "j.tsv", "l");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(Files.readAllLines(dir.resolve("j.tsv"))).hasSize(3).first().isEqualTo(HEADER);
    }

    @Test
    void threeRunsStartedAtOnceOnOneJoblogLetOneRunAndRefuseTheOthersAndNoRowIsTorn() throws Exception {
        // Long enough (about 4 s) that the first run still holds the joblog when the others, started with it, open it.
        Files.writeString(dir.resolve("waits.txt"), "70\n".repeat(120));
        ExecutorService starter = Executors.newFixedThreadPool(3);
        List<CliProcess> runs = new ArrayList<>();
        try {
            List<Future<CliProcess>> started = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                started.add(starter.submit(() -> CliProcess.run(dir, "", "run", "-p", "2", "-k", "sleep",
                        "--joblog", "jobs.tsv", "waits.txt")));
            }
            for (Future<CliProcess> run : started) {
                runs.add(run.get(90, TimeUnit.SECONDS));
            }
        } finally {
            starter.shutdownNow();
        }

        assertThat(runs).filteredOn(run -> run.exitCode() == 0).hasSize(1);
        assertThat(runs).filteredOn(run -> run.exitCode() == 2).hasSize(2).allSatisfy(run -> assertThat(run.stderr())
                .contains("garrison run: the joblog jobs.tsv is in use by another run"));
        List<String> rows = Files.readAllLines(dir.resolve("jobs.tsv"));
        assertThat(rows.get(0)).isEqualTo(HEADER);
        assertThat(rows.subList(1, rows.size())).hasSize(120)
                .allSatisfy(row -> assertThat(row.split("\t", -1)).hasSize(9).contains("succeeded"));
        assertThat(rows.subList(1, rows.size()).stream().map(row -> row.split("\t")[0]).distinct()).hasSize(120);
    }

    @Test
    void everyTaskThatEndedHasItsRowOnDiskEvenWhenTheParentIsKilled() throws Exception {
        // Twenty quick tasks, then one that never ends: the run is alive but has nothing more to write.
        Files.createDirectories(dir.resolve("done"));
        String list = IntStream.rangeClosed(1, 20).mapToObj(i -> "touch done/" + i + "\n").collect(Collectors.joining())
                + "sleep 600\n";
        Files.writeString(dir.resolve("list.txt"), list);
        Process run = new ProcessBuilder(java(), "-cp", System.getProperty("java.class.path"), "io.garrison.Launcher",
                "run", "-p", "1", "-k", "command", "-c", "sh -c {}", "--joblog", "jobs.tsv", "list.txt")
                .directory(dir.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            Await.await("a row for each of the 20 tasks that ended", () -> rows(dir.resolve("jobs.tsv")).size() == 20,
                    Duration.ofSeconds(40));
            new ProcessBuilder("sh", "-c", "kill -KILL " + run.pid()).start().waitFor();
            assertThat(run.waitFor(30, TimeUnit.SECONDS)).isTrue();

            List<String> rows = rows(dir.resolve("jobs.tsv"));
            assertThat(rows).hasSize(20).allSatisfy(row -> assertThat(row.split("\t", -1)).hasSize(9).contains("succeeded"));
            assertThat(Files.readString(dir.resolve("jobs.tsv"))).endsWith("\n");
        } finally {
            run.descendants().forEach(ProcessHandle::destroyForcibly);
            run.destroyForcibly();
        }
    }

    @Test
    void resumeIgnoresTornAndUndecodableRowsWithAWarningAndNeverGluesOntoThem() throws Exception {
        Files.writeString(dir.resolve("l"), "1\n2\n3\n4\n5\n");
        Path joblog = dir.resolve("jobs.tsv");
        byte[] good1 = row(1, "1");
        byte[] binary = {(byte) 0xff, (byte) 0xfe, 0, 1, 2, '\t', (byte) 0x80, '\n'};
        byte[] good3 = row(3, "3");
        // The run writing task 4 was killed inside a UTF-8 character, before its line end.
        byte[] torn = Arrays.copyOf("4\t4\t1\t0\t0\tsucceeded\t0\t\t4é".getBytes(StandardCharsets.UTF_8), 25);
        Files.write(joblog, concat((HEADER + "\n").getBytes(StandardCharsets.UTF_8), good1, binary, good3, torn));

        CliProcess run = CliProcess.run(dir, "", "run", "-p", "2", "--joblog", "jobs.tsv", "--resume", "l");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stderr()).contains("garrison run: jobs.tsv line 3 ignored (not UTF-8 text)")
                .contains("garrison run: jobs.tsv line 5 ignored (cut off").doesNotContain("Exception");
        assertThat(run.stdout().lines().sorted()).containsExactly("16", "25", "4");
        List<String> lines = Files.readAllLines(joblog, StandardCharsets.ISO_8859_1);
        assertThat(lines).hasSize(8);
        assertThat(lines.subList(5, 8)).allSatisfy(row -> assertThat(row.split("\t", -1)).hasSize(9))
                .extracting(row -> row.split("\t")[8]).containsExactlyInAnyOrder("2", "4", "5");

        CliProcess again = CliProcess.run(dir, "", "run", "-p", "2", "--joblog", "jobs.tsv", "--resume", "l");

        assertThat(again.exitCode()).as(again.stderr()).isZero();
        assertThat(again.stdout()).isEmpty();
        assertThat(again.stderr()).contains("line 3 ignored").contains("line 5 ignored (not UTF-8 text)");
    }

    private static byte[] row(int task, String input) {
        return (task + "\t" + task + "\t1\t0\t0\tsucceeded\t0\t\t" + input + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        byte[] all = new byte[Arrays.stream(parts).mapToInt(p -> p.length).sum()];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    /** The joblog's rows after the header that end with a line end: a row still being written is not counted. */
    private static List<String> rows(Path joblog) {
        try {
            if (Files.notExists(joblog)) {
                return List.of();
            }
            String text = Files.readString(joblog);
            List<String> lines = new ArrayList<>(text.substring(0, text.lastIndexOf('\n') + 1).lines().toList());
            return lines.isEmpty() ? lines : lines.subList(1, lines.size());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
