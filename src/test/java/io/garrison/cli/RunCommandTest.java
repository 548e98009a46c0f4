package io.garrison.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.garrison.testing.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The run command's contract, checked on the real program in its own process. */
@Timeout(120)
class RunCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void jsonEventsFollowTheContractAndExitZero() throws Exception {
        Files.writeString(dir.resolve("squares.txt"), "# the tutorial\n1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n");

        CliProcess run = CliProcess.run(dir, "", "run", "-p", "3", "-k", "square", "--json", "squares.txt");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        List<JsonNode> events = parse(run.stdout());
        assertThat(events).allSatisfy(e -> assertThat(e.get("type").asText()).isIn("worker-started", "worker-exited",
                "task-started", "task-progress", "task-succeeded", "task-failed", "run-finished"));
        Map<Integer, String> results = events.stream().filter(e -> e.get("type").asText().equals("task-succeeded"))
                .collect(Collectors.toMap(e -> e.get("line").asInt(), e -> e.get("result").asText()));
        assertThat(results).hasSize(10).containsEntry(2, "1").containsEntry(11, "100");
        JsonNode succeeded = events.stream().filter(e -> e.get("type").asText().equals("task-succeeded")).findFirst().orElseThrow();
        assertThat(succeeded.has("task")).isTrue();
        assertThat(succeeded.has("input")).isTrue();
        assertThat(succeeded.get("pid").asLong()).isPositive();
        assertThat(succeeded.has("elapsedMs")).isTrue();
        JsonNode last = events.stream().filter(e -> e.get("type").asText().equals("run-finished")).findFirst().orElseThrow();
        assertThat(last.get("succeeded").asInt()).isEqualTo(10);
    }

    @Test
    void workersThatCannotStartAreNamedOnStderrAndTheExitIsOne() throws Exception {
        Files.writeString(dir.resolve("squares.txt"), "1\n2\n3\n");

        CliProcess run = CliProcess.run(dir, List.of("-Dgarrison.worker.options=-XX:+ThisOptionDoesNotExist"), "",
                "run", "-p", "2", "-k", "square", "squares.txt");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).contains("worker processes cannot start").contains("ThisOptionDoesNotExist");
    }

    @Test
    void anInvalidLineFailsAtOnceWithItsReasonAndTheExitIsOne() throws Exception {
        CliProcess run = CliProcess.run(dir, "1\nseven\n3\n", "run", "-p", "2", "--json", "-");

        assertThat(run.exitCode()).isEqualTo(1);
        JsonNode failed = parse(run.stdout()).stream().filter(e -> e.get("type").asText().equals("task-failed"))
                .findFirst().orElseThrow();
        assertThat(failed.get("line").asInt()).isEqualTo(2);
        assertThat(failed.get("task").asInt()).isEqualTo(1);
        assertThat(failed.get("error").asText()).isEqualTo("line 2: not an integer: \"seven\"");
        assertThat(failed.get("pid").asLong()).isZero();
    }

    @Test
    void strictRejectsTheListBeforeAnythingRuns() throws Exception {
        CliProcess run = CliProcess.run(dir, "1\nseven\n", "run", "--strict", "--json", "-");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).contains("line 2: not an integer");
    }

    @Test
    void unusableArgumentsExitTwoWithAReason() throws Exception {
        assertThat(CliProcess.run(dir, "", "run", "-k", "juggle", "-").stderr()).contains("unknown task kind juggle");
        assertThat(CliProcess.run(dir, "", "run", "-k", "juggle", "-").exitCode()).isEqualTo(2);
        assertThat(CliProcess.run(dir, "", "run", "missing.txt").exitCode()).isEqualTo(2);
        assertThat(CliProcess.run(dir, "", "run", "--pool", "0", "-").exitCode()).isEqualTo(2);
        assertThat(CliProcess.run(dir, "", "run", "-k", "command", "-").stderr()).contains("needs --command");
        assertThat(CliProcess.run(dir, "", "run", "--no-such-option", "-").exitCode()).isEqualTo(2);
    }

    @Test
    void timeoutsThePoolCannotHonourExitTwoWithAReasonInsteadOfATrace() throws Exception {
        for (String timeout : List.of("1e300", "Infinity", "0.0004", "NaN", "0")) {
            CliProcess run = CliProcess.run(dir, "1\n", "run", "--timeout", timeout, "-");
            assertThat(run.exitCode()).as(timeout + ": " + run.stderr()).isEqualTo(2);
            assertThat(run.stderr()).as(timeout).contains("--timeout must be").doesNotContain("Exception");
        }
    }

    @Test
    void aJoblogThatIsAFolderExitsTwoWithAReasonInsteadOfATrace() throws Exception {
        Files.createDirectory(dir.resolve("jobs"));

        CliProcess write = CliProcess.run(dir, "1\n", "run", "--joblog", "jobs", "-");
        CliProcess resume = CliProcess.run(dir, "1\n", "run", "--joblog", "jobs", "--resume", "-");

        assertThat(write.exitCode()).isEqualTo(2);
        assertThat(write.stderr().strip()).isEqualTo("garrison: cannot write the joblog jobs: Is a directory");
        assertThat(resume.exitCode()).isEqualTo(2);
        // --resume opens the joblog to append to it, under its lock, before reading it.
        assertThat(resume.stderr().strip()).isEqualTo("garrison: cannot write the joblog jobs: Is a directory");
    }

    @Test
    void workersThatCannotStartStillGiveEveryTaskAFailureEventAndTheRunItsEnd() throws Exception {
        Files.writeString(dir.resolve("squares.txt"), "1\n2\n3\n");

        CliProcess run = CliProcess.run(dir, List.of("-Dgarrison.worker.options=-XX:+ThisOptionDoesNotExist"), "",
                "run", "-p", "2", "-k", "square", "--json", "squares.txt");

        assertThat(run.exitCode()).isEqualTo(1);
        List<JsonNode> events = parse(run.stdout());
        List<JsonNode> failed = events.stream().filter(e -> e.get("type").asText().equals("task-failed")).toList();
        assertThat(failed).extracting(e -> e.get("line").asInt()).containsExactlyInAnyOrder(1, 2, 3);
        assertThat(failed).allSatisfy(e -> assertThat(e.get("error").asText())
                .startsWith("not run: worker processes cannot start"));
        // Only worker-exited lines may follow the run's end (the contract's "the pool closes after it").
        List<JsonNode> beyondWorkers = events.stream().filter(e -> !e.get("type").asText().startsWith("worker-")).toList();
        JsonNode last = beyondWorkers.get(beyondWorkers.size() - 1);
        assertThat(last.get("type").asText()).isEqualTo("run-finished");
        assertThat(last.get("failed").asInt()).isEqualTo(3);
    }

    @Test
    void sigtermEndsTheRunWithoutAStackTrace() throws Exception {
        Files.writeString(dir.resolve("waits.txt"), "20000\n20000\n");
        Path stdout = dir.resolve("out.ndjson");
        Path stderr = dir.resolve("err.txt");
        Process run = new ProcessBuilder(java(), "-cp", System.getProperty("java.class.path"), "io.garrison.Launcher",
                "run", "-p", "2", "-k", "sleep", "--json", "waits.txt")
                .directory(dir.toFile()).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        try {
            awaitTaskStarted(stdout);
            new ProcessBuilder("sh", "-c", "kill -TERM " + run.pid()).start().waitFor();
            assertThat(run.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

            assertThat(Files.readString(stderr)).doesNotContain("Exception").doesNotContain("Shutdown in progress");
        } finally {
            run.destroyForcibly();
        }
    }

    private static void awaitTaskStarted(Path stdout) {
        // The run's stdout is a file another process writes: only reading it tells when a task has started.
        Await.await("a task-started event in the run's output", () -> {
            try {
                return Files.readString(stdout).contains("task-started");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, Duration.ofSeconds(30));
    }

    @Test
    void commandOutputIsGroupedPerTaskAndNeverInterleaved() throws Exception {
        CliProcess run = CliProcess.run(dir, "a\nb\nc\nd\ne\nf\n", "run", "-p", "3", "-k", "command", "-c",
                "sh -c 'echo start-$0; sleep 0.2; echo end-$0' {}", "-");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        List<String> lines = run.stdout().lines().toList();
        assertThat(lines).hasSize(12);
        for (int i = 0; i < lines.size(); i += 2) {
            String name = lines.get(i).substring("start-".length());
            assertThat(lines.get(i + 1)).isEqualTo("end-" + name);
        }
    }

    @Test
    void joblogRecordsEveryFinishedTaskAndResumeRunsOnlyWhatDidNotSucceed() throws Exception {
        Path list = Files.writeString(dir.resolve("files.txt"), "one\ntwo\nthree\n");
        Files.writeString(dir.resolve("one"), "");
        String[] args = {"run", "-p", "2", "-k", "command", "-c", "test -e {}", "--joblog", "jobs.tsv", "--json", list.toString()};

        CliProcess first = CliProcess.run(dir, "", args);
        Files.writeString(dir.resolve("three"), "");
        String[] resumed = new String[args.length + 1];
        System.arraycopy(args, 0, resumed, 0, args.length);
        resumed[args.length] = "--resume";
        CliProcess second = CliProcess.run(dir, "", resumed);

        assertThat(first.exitCode()).isEqualTo(1);
        assertThat(second.exitCode()).isEqualTo(1);
        List<String> rows = Files.readAllLines(dir.resolve("jobs.tsv"));
        assertThat(rows.get(0)).isEqualTo("seq\tline\tpid\tstart_ms\truntime_ms\tstatus\texitval\terror\tinput");
        assertThat(rows).hasSize(1 + 3 + 2);
        List<String> secondRun = rows.subList(4, 6).stream().map(r -> r.split("\t")[8] + ":" + r.split("\t")[5]).sorted().toList();
        assertThat(secondRun).containsExactly("three:succeeded", "two:failed");
        JsonNode finished = parse(second.stdout()).stream().filter(e -> e.get("type").asText().equals("run-finished"))
                .findFirst().orElseThrow();
        assertThat(finished.get("skipped").asInt()).isEqualTo(1);
        // Rows come in finishing order, which two workers do not fix: find the failed task by its input.
        String failedFirstTime = rows.subList(1, 4).stream().filter(r -> r.split("\t")[8].equals("two")).findFirst().orElseThrow();
        assertThat(failedFirstTime.split("\t")[6]).as("exit value of a failed test -e").isEqualTo("1");
    }

    @Test
    void aHaltedRunSaysOnceHowManyTasksItLeftUnstartedInsteadOfALineForEach() throws Exception {
        StringBuilder list = new StringBuilder();
        for (int i = 1; i <= 5_000; i++) {
            list.append(i).append('\n');
        }
        Files.writeString(dir.resolve("numbers.txt"), list);
        CliProcess run = CliProcess.run(dir, "", "run", "-p", "2", "-k", "command", "-c", "test {} -ne 3",
                "--halt", "now,fail=1", "numbers.txt");
        assertThat(run.exitCode()).isEqualTo(1);
        List<String> lines = run.stderr().lines().toList();
        assertThat(lines).contains("line 3: exit code 1");
        assertThat(lines).as("the failure, the tasks running when it halted, and one count").hasSizeLessThanOrEqualTo(4);
        String count = lines.stream().filter(l -> l.contains(" tasks, the first on line ")).findFirst().orElseThrow();
        assertThat(count).matches("[0-9]+ tasks, the first on line [0-9]+: not run: halted after 1 failed task");
        int unstarted = Integer.parseInt(count.substring(0, count.indexOf(' ')));
        assertThat(unstarted).as("nearly all of the list never started").isBetween(4_900, 4_997);
    }

    @Test
    void firstCtrlCLetsRunningTasksFinishAndLeavesTheRestForResume() throws Exception {
        firstCtrlCLetsRunningTasksFinish(false);
    }

    /** A terminal's Ctrl-C goes to its whole foreground process group: the workers hear it too, and must not die. */
    @Test
    void aCtrlCAtATerminalReachesTheWorkersTooAndStillLetsRunningTasksFinish() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/setsid")), "setsid");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "bash");
        firstCtrlCLetsRunningTasksFinish(true);
    }

    private void firstCtrlCLetsRunningTasksFinish(boolean wholeGroup) throws Exception {
        Files.writeString(dir.resolve("waits.txt"), "1500\n1500\n1500\n1500\n1500\n1500\n");
        Path stdout = dir.resolve("out.ndjson");
        // setsid makes garrison lead a process group of its own, as a shell's job control does for a pipeline.
        List<String> command = new ArrayList<>(wholeGroup ? List.of("/usr/bin/setsid") : List.of());
        command.addAll(defaultSigint());
        command.addAll(List.of(java(), "-cp", System.getProperty("java.class.path"), "io.garrison.Launcher",
                "run", "-p", "2", "-k", "sleep", "--json", "--joblog", "jobs.tsv", "waits.txt"));
        Process run = new ProcessBuilder(command)
                .directory(dir.toFile()).redirectOutput(stdout.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            awaitTaskStarted(stdout);
            // The shell's own kill: a bare system may have no kill program. dash's kill takes no process group.
            new ProcessBuilder(wholeGroup ? List.of("bash", "-c", "kill -INT -- -" + run.pid())
                    : List.of("sh", "-c", "kill -INT " + run.pid())).start().waitFor();
            assertThat(run.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

            assertThat(run.exitValue()).isEqualTo(1);
            List<JsonNode> events = parse(Files.readString(stdout));
            long succeeded = events.stream().filter(e -> e.get("type").asText().equals("task-succeeded")).count();
            assertThat(succeeded).as("the running tasks finished").isBetween(1L, 4L);
            assertThat(events).anySatisfy(e -> assertThat(e.path("error").asText()).startsWith("not run"));
            List<String> rows = Files.readAllLines(dir.resolve("jobs.tsv"));
            assertThat(rows).hasSize(1 + (int) succeeded);

            CliProcess resumed = CliProcess.run(dir, "", "run", "-p", "3", "-k", "sleep", "--json", "--joblog", "jobs.tsv",
                    "--resume", "waits.txt");
            assertThat(resumed.exitCode()).isZero();
            assertThat(Files.readAllLines(dir.resolve("jobs.tsv"))).hasSize(1 + 6);
        } finally {
            run.destroyForcibly();
        }
    }

    @Test
    void aClosedOutputStopsTheRunWithOneQuietExit() throws Exception {
        Files.writeString(dir.resolve("many.txt"), "1\n".repeat(200_000));
        Process run = new ProcessBuilder("sh", "-c", "'" + java() + "' -cp '" + System.getProperty("java.class.path")
                + "' io.garrison.Launcher run --json -p 2 many.txt | head -1")
                .directory(dir.toFile()).redirectErrorStream(false).start();
        try {
            assertThat(run.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).as("the run stopped when its reader left").isTrue();
            String stderr = new String(run.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(stderr.lines().count()).as(stderr).isLessThanOrEqualTo(2);
            assertThat(stderr).doesNotContain("Exception");
        } finally {
            run.descendants().forEach(ProcessHandle::destroyForcibly);
            run.destroyForcibly();
        }
    }

    /**
     * A prefix that starts a program with SIGINT at its default. A JVM that inherits SIGINT ignored (a suite started
     * in the background: {@code mvn verify &}) keeps it ignored and never hears the Ctrl-C a test sends it.
     * {@code env --default-signal} is coreutils 8.31 and later; without it the test runs as it is started.
     */
    private static List<String> defaultSigint() {
        try {
            Process probe = new ProcessBuilder("env", "--default-signal=INT", "true")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (probe.waitFor() == 0) {
                return List.of("env", "--default-signal=INT");
            }
        } catch (java.io.IOException e) {
            // no env program: nothing to reset with
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return List.of();
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static List<JsonNode> parse(String ndjson) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        for (String line : ndjson.split("\n")) {
            if (!line.isBlank()) {
                events.add(JSON.readTree(line));
            }
        }
        return events;
    }
}
