package io.garrison.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.garrison.testing.Await;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a command starts in the background neither holds the run open nor outlives it: checked on the real program
 * with a {@code sleep} of a number no other process uses, looked for in {@code /proc} afterwards. Linux only.
 */
@Timeout(120)
class CommandChildrenTest {

    @TempDir
    Path dir;

    /** The marker: {@code sleep} of this many seconds is this test's and nobody else's. */
    private String seconds;

    @BeforeEach
    void linuxWithSetsid() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs /proc");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setsid")) || Files.isExecutable(Path.of("/bin/setsid")),
                "needs setsid");
        seconds = Integer.toString(700_000 + ThreadLocalRandom.current().nextInt(200_000));
    }

    @AfterEach
    void killLeftovers() {
        marked().forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    @Test
    void aCommandThatLeavesABackgroundChildEndsPromptlyAndTheChildGoesWithIt() throws Exception {
        Files.writeString(dir.resolve("list.txt"), "a\nb\nc\nd\ne\nf\n");

        Finished run = run("run", "-p", "2", "-k", "command", "-c", "sh -c 'sleep " + seconds + " & echo started-$0' {}",
                "list.txt");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout().lines().sorted().toList())
                .as("the output read until each command ended").containsExactly(
                        "started-a", "started-b", "started-c", "started-d", "started-e", "started-f");
        Await.await("no sleep " + seconds + " left", () -> marked().isEmpty(), Duration.ofSeconds(5));
    }

    @Test
    void aTimedOutCommandTakesWhatItLeftToInitAlong() throws Exception {
        Files.writeString(dir.resolve("list.txt"), "a\nb\n");

        // The subshell exits at once: its sleep belongs to init from then on, no descendant of the worker.
        Finished run = run("run", "-p", "2", "-k", "command", "--timeout", "0.5", "-c",
                "sh -c '(sleep " + seconds + " &); sleep 30' {}", "list.txt");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains("timed out after 0.5 s");
        Await.await("no sleep " + seconds + " left", () -> marked().isEmpty(), Duration.ofSeconds(5));
    }

    private record Finished(int exitCode, String stdout, String stderr) {
    }

    /** Runs garrison; a run still going after 20 s fails the test, as a run held open by a grandchild would. */
    private Finished run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.language=en", "-Duser.country=US", "-cp", System.getProperty("java.class.path"),
                "io.garrison.Launcher"));
        command.addAll(List.of(args));
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        Process process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("the run ended within 20 s").isTrue();
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        return new Finished(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** The PIDs of live processes running {@code sleep SECONDS}; a zombie has no command line and is not one. */
    private List<Long> marked() {
        byte[] wanted = ("sleep\0" + seconds + "\0").getBytes(StandardCharsets.US_ASCII);
        List<Long> found = new ArrayList<>();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path proc : procs) {
                try {
                    byte[] cmdline = Files.readAllBytes(proc.resolve("cmdline"));
                    if (endsWith(cmdline, wanted)) {
                        found.add(Long.parseLong(proc.getFileName().toString()));
                    }
                } catch (IOException gone) {
                    // the process ended while the list was read
                }
            }
        } catch (IOException e) {
            throw new AssertionError("cannot list /proc", e);
        }
        return found;
    }

    private static boolean endsWith(byte[] bytes, byte[] suffix) {
        if (bytes.length < suffix.length) {
            return false;
        }
        for (int i = 0; i < suffix.length; i++) {
            if (bytes[bytes.length - suffix.length + i] != suffix[i]) {
                return false;
            }
        }
        return true;
    }
}
