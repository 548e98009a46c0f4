package io.garrison.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A program that ends with its pool still open: the pool is terminated on the way out, and says so. */
class ExitTest {

    @TempDir
    Path folder;

    @Test
    void aProgramThatReturnsFromMainWithItsPoolOpenEndsItsTasksAndWorkersAsItExits() throws Exception {
        runAndCheck();
    }

    @Test
    void aListenerThatNeverReturnsDoesNotKeepTheProgramFromExiting() throws Exception {
        // The exit waits for listeners within a bound: without it this parent would never end.
        runAndCheck("stuck");
    }

    private void runAndCheck(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(WorkerLauncher.javaExecutable().toString(),
                "-cp", System.getProperty("java.class.path"), ExitingParent.class.getName()));
        command.addAll(List.of(args));
        Path output = folder.resolve("parent.out");
        Process parent = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        ProcessHandle worker = null;
        try {
            boolean exited = parent.waitFor(30, TimeUnit.SECONDS);
            if (!exited) {
                parent.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
            for (String line : lines) {
                if (line.startsWith("running in worker ")) {
                    worker = ProcessHandle.of(Long.parseLong(line.substring("running in worker ".length()))).orElse(null);
                }
            }
            assertThat(exited).as("the parent exited by itself; it printed %s", lines).isTrue();
            assertThat(parent.exitValue()).isZero();
            assertThat(lines).as("what the parent printed").anyMatch(line -> line.startsWith("running in worker "));
            // The minute-long task was running when main returned: its listener heard it fail, not silence.
            assertThat(lines).as("what the parent printed")
                    .anyMatch(line -> line.startsWith("heard failed: ") && line.contains("terminated"));
            if (worker != null) {
                assertThat(worker.onExit().get(10, TimeUnit.SECONDS).isAlive()).as("the worker").isFalse();
            }
        } finally {
            parent.destroyForcibly();
            if (worker != null) {
                worker.destroyForcibly();
            }
        }
    }
}
