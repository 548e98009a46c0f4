package io.garrison.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An {@code imap} over a source of fifty million inputs runs whole in a parent whose heap could not hold a
 * tenth of them (boxed in a list they take about a gigabyte), and the error the source throws after its last
 * input comes after the fifty million results, in its place. The parent is a JVM of its own, so that the heap's
 * cap is the pool's.
 */
@Timeout(240)
class LazyImapHeapTest {

    private static final int INPUTS = 50_000_000;

    @Test
    void fiftyMillionInputsRunInASixtyFourMegabyteHeapAndTheSourcesErrorComesLast(@TempDir Path dir)
            throws Exception {
        Path output = dir.resolve("parent.out");
        Process parent = new ProcessBuilder(WorkerLauncher.javaExecutable().toString(), "-Xmx64m",
                "-cp", System.getProperty("java.class.path"), LazyImapParent.class.getName(), Integer.toString(INPUTS))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            assertThat(parent.waitFor(200, TimeUnit.SECONDS)).as("the parent ends").isTrue();
        } finally {
            parent.descendants().forEach(ProcessHandle::destroyForcibly);
            parent.destroyForcibly();
        }

        List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
        assertThat(parent.exitValue()).as("exit status; it printed %s", lines).isZero();
        assertThat(lines).containsExactly("results " + INPUTS + " sum " + INPUTS / 2
                + " then: the source broke after " + INPUTS + " inputs");
    }
}
