package io.garrison.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A list far longer than the parent's heap could hold runs whole: the CLI reads it as the workers take it.
 * Three million lines held whole take about 70 MB in the parent (the run died of it at -Xmx64m); streamed, the
 * run fits in 48 MB.
 */
@Timeout(180)
class LongListTest {

    private static final int LINES = 3_000_000;

    @Test
    void threeMillionLinesFromAPipeRunInAHeapTooSmallToHoldThem(@TempDir Path dir) throws Exception {
        Path list = dir.resolve("long.txt");
        long expectedSum = 0;
        try (BufferedWriter writer = Files.newBufferedWriter(list, StandardCharsets.US_ASCII)) {
            for (int i = 0; i < LINES; i++) {
                int input = i % 100_000;
                writer.write(Integer.toString(input));
                writer.newLine();
                expectedSum += (long) input * input;
            }
        }
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx48m", "-Duser.language=en", "-Duser.country=US",
                "-cp", System.getProperty("java.class.path"), "io.garrison.Launcher", "run", "-p", "2", "-"));
        Process process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectInput(list.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            assertThat(process.waitFor(150, TimeUnit.SECONDS)).as("the run ends").isTrue();
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }

        assertThat(Files.readString(err)).isEmpty();
        assertThat(process.exitValue()).isZero();
        long results = 0;
        long sum = 0;
        try (BufferedReader reader = Files.newBufferedReader(out, StandardCharsets.US_ASCII)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                results++;
                sum += Long.parseLong(line);
            }
        }
        assertThat(results).isEqualTo(LINES);
        assertThat(sum).isEqualTo(expectedSum);
    }
}
