package io.garrison.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The Command column runs the task again when a POSIX shell reads it. */
class RerunCommandLinesTest {

    @Test
    void aCommandTasksLineIsItsArgvWithEachWordQuotedOnlyWhenAShellWouldChangeIt() {
        RerunCommandLines lines = new RerunCommandLines("command", "gzip -k -- {} n{#}", Path.of("."));

        assertThat(lines.commandLine(2, "it's a file;rm -rf ~")).isEqualTo("gzip -k -- 'it'\\''s a file;rm -rf ~' n3");
        assertThat(lines.commandLine(0, "")).isEqualTo("gzip -k -- '' n1");
        assertThat(lines.seq(5, 9)).isEqualTo(9);
    }

    @Test
    void otherKindsAndOutputFilesRunAgainThroughAGarrisonRunOfOneTask() {
        assertThat(new RerunCommandLines("square", null, Path.of(".")).commandLine(0, "7"))
                .isEqualTo("printf '%s\\n' 7 | garrison run -k square -");
        assertThat(new RerunCommandLines("download", null, Path.of("my pages")).commandLine(0, "https://x/?a=1&b"))
                .isEqualTo("printf '%s\\n' 'https://x/?a=1&b' | garrison run -k download -o 'my pages' -");
        assertThat(new RerunCommandLines("command", "curl -so {out} {}", Path.of("pages")).commandLine(0, "https://x/"))
                .isEqualTo("printf '%s\\n' https://x/ | garrison run -k command -c 'curl -so {out} {}' -o pages -");
    }
}
