package io.garrison.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Joblogs cross between Garrison and GNU parallel both ways: real runs of both on real files. Skipped where
 * parallel is not installed.
 */
@Timeout(120)
class JoblogParallelInteropTest {

    private static final String PARALLEL_HEADER = "Seq\tHost\tStarttime\tJobRuntime\tSend\tReceive\tExitval\tSignal\tCommand";
    /** Lines 2, 4 and 5 name files that do not exist, so {@code test -e} fails for them. */
    private static final String LIST = "a\nb\nc\nd\ne\nf\n";

    @TempDir
    Path dir;

    @BeforeAll
    static void parallelIsInstalled() {
        boolean installed;
        try {
            Process version = new ProcessBuilder("parallel", "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            installed = version.waitFor(30, TimeUnit.SECONDS) && version.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            installed = false;
        }
        assumeTrue(installed, "GNU parallel is not installed");
    }

    @Test
    void parallelsResumeFailedRerunsExactlyTheTasksAGarrisonJoblogInParallelsFormatShowsFailed() throws Exception {
        garrisonTestsEachFileWithAJoblogInParallelsFormat();

        List<String> rows = Files.readAllLines(dir.resolve("jobs.tsv"));
        assertThat(rows.get(0)).isEqualTo(PARALLEL_HEADER);
        assertThat(rows.subList(1, rows.size())).hasSize(6).allSatisfy(row -> assertThat(row)
                .matches("[1-6]\t:\t\\d+\\.\\d{3}\t {0,9}\\d+\\.\\d{3}\t0\t0\t[01]\t0\ttest -e [a-f]"));
        assertThat(rows).filteredOn(row -> row.startsWith("2\t")).singleElement().asString().contains("\t1\t0\ttest -e b");

        Parallel again = parallel("--joblog", "jobs.tsv", "--resume-failed", "-a", "list.txt", "echo rerun {}; test -e {}");

        assertThat(again.stdout().lines().sorted()).containsExactly("rerun b", "rerun d", "rerun e");
        assertThat(seqsAfter(dir.resolve("jobs.tsv"), 8)).containsExactlyInAnyOrder("2", "4", "5");
    }

    @Test
    void parallelsRetryFailedRunsTheCommandColumnOfAGarrisonJoblogAgain() throws Exception {
        garrisonTestsEachFileWithAJoblogInParallelsFormat();
        Files.createFile(dir.resolve("b"));
        Files.createFile(dir.resolve("d"));

        Parallel retry = parallel("--joblog", "jobs.tsv", "--retry-failed");

        assertThat(retry.exitCode()).isEqualTo(1);
        List<String> rows = Files.readAllLines(dir.resolve("jobs.tsv"));
        assertThat(rows.subList(7, rows.size())).hasSize(3)
                .extracting(row -> row.split("\t")[0] + " " + row.split("\t")[6] + " " + row.split("\t")[8])
                .containsExactlyInAnyOrder("2 0 test -e b", "4 0 test -e d", "5 1 test -e e");
    }

    @Test
    void garrisonsResumeOnAJoblogParallelWroteRerunsTheFailedAndMissingTasksAndKeepsItsFormat() throws Exception {
        writeListAndFiles();
        parallel("--joblog", "jobs.tsv", "-j", "1", "-a", "list.txt", "test -e {}");
        // Parallel was stopped before the last task: its row is missing.
        List<String> written = Files.readAllLines(dir.resolve("jobs.tsv"));
        Files.write(dir.resolve("jobs.tsv"), written.subList(0, 6));

        for (String option : List.of("--resume", "--resume-failed")) {
            Path joblog = dir.resolve(option.substring(2) + ".tsv");
            Files.copy(dir.resolve("jobs.tsv"), joblog);
            CliProcess resumed = CliProcess.run(dir, "", "run", "-p", "2", "-k", "command", "-c", "echo ran {}",
                    "--joblog", joblog.getFileName().toString(), option, "list.txt");

            assertThat(resumed.exitCode()).as(resumed.stderr()).isZero();
            assertThat(resumed.stdout().lines().sorted()).as(option).containsExactly("ran b", "ran d", "ran e", "ran f");
            List<String> rows = Files.readAllLines(joblog);
            assertThat(rows.get(0)).isEqualTo(PARALLEL_HEADER);
            assertThat(rows.subList(6, rows.size())).hasSize(4)
                    .allSatisfy(row -> assertThat(row).matches("[2456]\t:\t.*\t0\t0\techo ran [bdef]"));
        }
    }

    @Test
    void garrisonsRetryFailedRunsTheFailedCommandsOfParallelsJoblogUnderTheirSeq() throws Exception {
        writeListAndFiles();
        parallel("--joblog", "jobs.tsv", "-a", "list.txt", "echo first {}; test -e {}");
        Files.createFile(dir.resolve("b"));

        CliProcess retry = CliProcess.run(dir, "", "run", "-p", "2", "--joblog", "jobs.tsv", "--retry-failed");

        assertThat(retry.exitCode()).as(retry.stderr()).isEqualTo(1);
        assertThat(retry.stdout().lines().sorted()).containsExactly("first b", "first d", "first e");
        List<String> rows = Files.readAllLines(dir.resolve("jobs.tsv"));
        assertThat(rows.subList(7, rows.size())).extracting(row -> row.split("\t")[0] + " " + row.split("\t")[6]
                + " " + row.split("\t")[8]).containsExactlyInAnyOrder("2 0 echo first b; test -e b",
                "4 1 echo first d; test -e d", "5 1 echo first e; test -e e");

        CliProcess onGarrisonsFormat = CliProcess.run(dir, "", "run", "-p", "1", "--joblog", "own.tsv", "list.txt");
        byte[] own = Files.readAllBytes(dir.resolve("own.tsv"));
        CliProcess refused = CliProcess.run(dir, "", "run", "--joblog", "own.tsv", "--retry-failed");

        assertThat(onGarrisonsFormat.exitCode()).isEqualTo(1);
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.stderr()).contains("--retry-failed reads the commands of a joblog in parallel's format");
        assertThat(Files.readAllBytes(dir.resolve("own.tsv"))).isEqualTo(own);
    }

    @Test
    void aFileOfNeitherFormatAndAJoblogOfTheOtherFormatAreRefusedAndLeftUntouched() throws Exception {
        writeListAndFiles();
        Path notes = dir.resolve("notes.tsv");
        Files.writeString(notes, "Seq\tHost\tsomething else\n1\t:\n");
        Files.setLastModifiedTime(notes, FileTime.fromMillis(1_000_000_000_000L));
        byte[] before = Files.readAllBytes(notes);

        CliProcess resume = CliProcess.run(dir, "", "run", "--joblog", "notes.tsv", "--resume", "list.txt");
        CliProcess retry = CliProcess.run(dir, "", "run", "--joblog", "notes.tsv", "--retry-failed");

        assertThat(resume.exitCode()).isEqualTo(2);
        assertThat(resume.stderr()).contains("garrison run: --joblog notes.tsv is not a joblog");
        assertThat(retry.exitCode()).isEqualTo(2);
        assertThat(Files.readAllBytes(notes)).isEqualTo(before);
        assertThat(Files.getLastModifiedTime(notes).toMillis()).isEqualTo(1_000_000_000_000L);

        parallel("--joblog", "theirs.tsv", "-a", "list.txt", "true");
        byte[] theirs = Files.readAllBytes(dir.resolve("theirs.tsv"));
        CliProcess conflicting = CliProcess.run(dir, "", "run", "--joblog", "theirs.tsv", "--joblog-format", "garrison",
                "list.txt");

        assertThat(conflicting.exitCode()).isEqualTo(2);
        assertThat(conflicting.stderr()).contains("theirs.tsv is a joblog in the parallel format");
        assertThat(Files.readAllBytes(dir.resolve("theirs.tsv"))).isEqualTo(theirs);
    }

    /** Writes jobs.tsv in parallel's format: tasks 2, 4 and 5 fail. */
    private void garrisonTestsEachFileWithAJoblogInParallelsFormat() throws IOException, InterruptedException {
        writeListAndFiles();
        CliProcess garrison = CliProcess.run(dir, "", "run", "-p", "2", "-k", "command", "-c", "test -e {}",
                "--joblog", "jobs.tsv", "--joblog-format", "parallel", "list.txt");
        assertThat(garrison.exitCode()).as(garrison.stderr()).isEqualTo(1);
    }

    private void writeListAndFiles() throws IOException {
        Files.writeString(dir.resolve("list.txt"), LIST);
        for (String present : List.of("a", "c", "f")) {
            Files.createFile(dir.resolve(present));
        }
    }

    /** The Seq of each row from the 1-based line {@code from} on. */
    private static List<String> seqsAfter(Path joblog, int from) throws IOException {
        List<String> rows = Files.readAllLines(joblog);
        List<String> seqs = new ArrayList<>();
        for (String row : rows.subList(from - 1, rows.size())) {
            seqs.add(row.split("\t")[0]);
        }
        return seqs;
    }

    private record Parallel(int exitCode, String stdout) {
    }

    /** Runs GNU parallel in the test's folder, with a HOME of its own so that it prints no citation notice. */
    private Parallel parallel(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("parallel", "--will-cite"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "parallel", ".out");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().put("HOME", dir.toString());
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("parallel did not finish in 60 s");
        }
        return new Parallel(process.exitValue(), Files.readString(out));
    }
}
