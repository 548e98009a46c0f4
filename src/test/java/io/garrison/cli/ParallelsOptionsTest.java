package io.garrison.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.garrison.testing.GnuParallel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code -0}, {@code --delay} and {@code --timeout N%}: GNU parallel's options, with parallel's meaning, in real runs. */
@Timeout(120)
class ParallelsOptionsTest {

    /** Inputs a line-based list cannot hold: an empty one, one with spaces around, a #, a newline inside. */
    private static final String NUL_ITEMS = "a b\0\0#x\0 line\nbreak \0last-without-nul";

    @TempDir
    Path dir;

    @Test
    void nullSeparatedInputsAreTakenExactlyAsTheyAre() throws Exception {
        CliProcess run = CliProcess.run(dir, NUL_ITEMS, "run", "-0", "-p", "1", "-k", "command", "-c",
                "printf [%s]\\n {}", "-");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).isEqualTo("[a b]\n[]\n[#x]\n[ line\nbreak ]\n[last-without-nul]\n");
    }

    @Test
    void nullSeparatedInputsGiveTheCommandsGnuParallelRuns() throws Exception {
        assumeTrue(GnuParallel.isInstalled(), "GNU parallel is not installed");
        Path items = Files.writeString(dir.resolve("items"), NUL_ITEMS);
        Process parallel = new ProcessBuilder("parallel", "--will-cite", "-0", "-k", "-j1", "-a", items.toString(),
                "printf '[%s]\\n' {}").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String expected = new String(parallel.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(parallel.waitFor(60, TimeUnit.SECONDS)).isTrue();

        CliProcess run = CliProcess.run(dir, "", "run", "--null", "-p", "1", "-k", "command", "-c",
                "printf [%s]\\n {}", items.toString());

        assertThat(run.stdout()).isEqualTo(expected);
    }

    @Test
    void anEmptyNullSeparatedInputThatTheKindCannotTakeFailsWithItsItemNumber() throws Exception {
        CliProcess run = CliProcess.run(dir, "4\0\0" + "5\0", "run", "-0", "-p", "1", "-");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).startsWith("line 2: ");
        assertThat(run.stdout().lines().sorted().toList()).containsExactly("16", "25");
    }

    @Test
    void delayStartsOneTaskPerDelayWhateverTheFreeWorkers() throws Exception {
        CliProcess run = CliProcess.run(dir, "300\n300\n300\n300\n", "run", "-p", "4", "-k", "sleep", "--delay",
                "0.5", "--json", "-");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        List<Long> starts = new ArrayList<>();
        for (JsonNode event : events(run.stdout())) {
            if (event.get("type").asText().equals("task-started")) {
                starts.add(event.get("timestampMs").asLong());
            }
        }
        assertThat(starts).hasSize(4);
        for (int i = 1; i < starts.size(); i++) {
            // A start is told when its worker reports it, a few ms after the hand-out: a margin below 500.
            assertThat(starts.get(i) - starts.get(i - 1)).as("gap before start %d", i).isGreaterThanOrEqualTo(350);
        }
    }

    @Test
    void delayAcceptsParallelsUnitsAndRefusesWhatIsNoDuration() throws Exception {
        CliProcess units = CliProcess.run(dir, "2\n", "run", "--delay", "0m0.1s", "-");
        CliProcess nonsense = CliProcess.run(dir, "2\n", "run", "--delay", "soon", "-");

        assertThat(units.exitCode()).as(units.stderr()).isZero();
        assertThat(units.stdout()).isEqualTo("4\n");
        assertThat(nonsense.exitCode()).isEqualTo(2);
        assertThat(nonsense.stderr()).contains("--delay").contains("soon").doesNotContain("Exception");
        assertThat(nonsense.stdout()).isEmpty();
    }

    @Test
    void aTimeoutInPercentKillsOnlyTheTaskFarSlowerThanTheMedian() throws Exception {
        // Ten times the median: a busy machine does not stretch a 200 ms task to 2 s, and the slow one is 50 s.
        String list = "200\n".repeat(8) + "50000\n";

        CliProcess run = CliProcess.run(dir, list, "run", "-p", "2", "-k", "sleep", "--timeout", "1000%", "-");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stdout().lines().filter("200"::equals).count()).isEqualTo(8);
        assertThat(run.stderr()).startsWith("line 9: timed out after ");
        assertThat(run.stderr().lines().count()).isEqualTo(1);
    }

    @Test
    void aTimeoutTakesParallelsUnitsAndRefusesAPercentageOfNothing() throws Exception {
        CliProcess units = CliProcess.run(dir, "20000\n", "run", "-k", "sleep", "--timeout", "0m0.5s", "-");
        CliProcess zero = CliProcess.run(dir, "1\n", "run", "--timeout", "0%", "-");

        assertThat(units.exitCode()).isEqualTo(1);
        assertThat(units.stderr()).startsWith("line 1: timed out after 0.5 s");
        assertThat(zero.exitCode()).isEqualTo(2);
        assertThat(zero.stderr()).contains("--timeout").doesNotContain("Exception");
    }

    private static List<JsonNode> events(String ndjson) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> events = new ArrayList<>();
        for (String line : ndjson.split("\n")) {
            if (!line.isBlank()) {
                events.add(mapper.readTree(line));
            }
        }
        return events;
    }
}
