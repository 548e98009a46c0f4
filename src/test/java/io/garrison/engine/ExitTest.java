package io.garrison.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A program that ends with its pool still open: the pool is terminated on the way out, and says so. */
class ExitTest {

    @Test
    void aProgramThatReturnsFromMainWithItsPoolOpenEndsItsTasksAndWorkersAsItExits() throws Exception {
        Process parent = new ProcessBuilder(WorkerLauncher.javaExecutable().toString(),
                "-cp", System.getProperty("java.class.path"), ExitingParent.class.getName())
                .redirectErrorStream(true)
                .start();
        List<String> lines = new ArrayList<>();
        ProcessHandle worker = null;
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8));
            for (String line; (line = out.readLine()) != null; ) {
                lines.add(line);
                if (line.startsWith("running in worker ")) {
                    worker = ProcessHandle.of(Long.parseLong(line.substring("running in worker ".length()))).orElse(null);
                }
            }
            assertThat(parent.waitFor(30, TimeUnit.SECONDS)).as("the parent exited; it printed %s", lines).isTrue();
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
