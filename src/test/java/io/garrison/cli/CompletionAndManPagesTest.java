package io.garrison.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.garrison.testing.Programs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bash completion script and the man pages the build generates from the command classes (pom.xml,
 * process-classes), as the .deb installs them.
 */
@Timeout(120)
class CompletionAndManPagesTest {

    private static final Path COMPLETION = Path.of("target", "completion", "garrison");
    private static final Path MAN_SOURCES = Path.of("target", "man");

    @Test
    void theCompletionScriptKnowsTheRunCommandAndItsOptions() throws Exception {
        String script = Files.readString(COMPLETION);

        assertThat(script).contains("complete -F").contains(" run").contains("--joblog").contains("--command");
        if (Programs.onPath("bash")) {
            Finished syntax = run(List.of("bash", "-n", COMPLETION.toString()), Map.of());
            assertThat(syntax.exitCode()).as("bash -n: " + syntax.stderr()).isZero();
        }
    }

    @Test
    void everyCommandHasAManPageThatManRendersWithoutAWarning(@TempDir Path dir) throws Exception {
        List<String> sources = new ArrayList<>();
        try (var files = Files.list(MAN_SOURCES)) {
            files.map(Path::toString).filter(name -> name.endsWith(".adoc")).sorted().forEach(sources::add);
        }
        assertThat(sources).extracting(name -> Path.of(name).getFileName().toString())
                .contains("garrison.adoc", "garrison-run.adoc", "garrison-lesson.adoc", "garrison-manager.adoc");
        assumeTrue(Programs.onPath("asciidoctor") && Programs.onPath("man"), "asciidoctor or man is not installed");

        List<String> convert = new ArrayList<>(List.of("asciidoctor", "--backend=manpage", "--failure-level=WARN",
                "--destination-dir=" + dir));
        convert.addAll(sources);
        Finished converted = run(convert, Map.of());
        assertThat(converted.exitCode()).as("asciidoctor: " + converted.stderr()).isZero();

        Path page = dir.resolve("garrison-run.1");
        Finished shown = run(List.of("man", "--warnings", "-l", page.toString()), Map.of("MANWIDTH", "80"));
        assertThat(shown.exitCode()).isZero();
        assertThat(shown.stderr()).as("troff warnings").isEmpty();
        assertThat(shown.stdout()).contains("garrison-run").contains("--joblog").contains("{/.}");
    }

    private record Finished(int exitCode, String stdout, String stderr) {
    }

    private static Finished run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        Path out = Files.createTempFile("garrison-docs", ".out");
        Path err = Files.createTempFile("garrison-docs", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command.get(0) + " did not finish in 60 s");
            }
            return new Finished(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
