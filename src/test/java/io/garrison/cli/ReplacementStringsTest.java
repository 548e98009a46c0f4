package io.garrison.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.garrison.testing.GnuParallel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code garrison run -k command} with GNU parallel's replacement strings, run as a script would run it. */
@Timeout(120)
class ReplacementStringsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aTemplateRunByGarrisonPrintsWhatTheSameTemplateRunByParallelPrints() throws Exception {
        assumeTrue(GnuParallel.isInstalled(), "GNU parallel is not installed");
        List<String> inputs = List.of("a/b.tar.gz", "/abs/dir/x.y", "sp ace/f.md", "noext", ".hidden", "dir.d/file",
                "trailing/", "./rel.txt", "é/ü.tar.gz", "it's \"q\"/a b.c");
        String tokens = "{} {.} {/} {//} {/.} {#} {%}";
        Files.write(dir.resolve("list.txt"), inputs);

        CliProcess run = CliProcess.run(dir, "", "run", "-p", "1", "-k", "command", "-c",
                GnuParallel.PRINT_ARGS + " " + tokens, "list.txt");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(GnuParallel.groups(run.stdout(), 7)).isEqualTo(GnuParallel.arguments(tokens, inputs, dir));
    }

    @Test
    void anUnknownReplacementStringExitsTwoNamingItAndRunsNothing() throws Exception {
        Files.writeString(dir.resolve("list.txt"), "a\nb\n");

        CliProcess run = CliProcess.run(dir, "", "run", "-p", "2", "-k", "command", "--json", "-c",
                "touch made-{1}", "list.txt");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("{1}").contains("no replacement string");
        assertThat(run.stdout()).as("no worker started, no task ran").isEmpty();
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(name -> name.startsWith("made-"));
        }
    }

    @Test
    void theRefusalIsInChineseUnderAChineseLocale() throws Exception {
        CliProcess run = CliProcess.run(dir, List.of("-Duser.language=zh", "-Duser.country=CN"), "",
                "run", "-k", "command", "-c", "echo {base}", "-");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("{base}").contains("不是 garrison 认识的替换字符串").contains("awk '{ print }'");
    }

    /**
     * The first task kills its own worker; the others wait, each in its own command, until four workers have
     * run one (the three first and the dead one's replacement), so the replacement surely runs tasks.
     */
    @Test
    void slotNumbersStayWithinThePoolAndAReplacementTakesTheDeadWorkersSlot() throws Exception {
        List<String> lines = new ArrayList<>(List.of("kill"));
        IntStream.range(0, 11).forEach(i -> lines.add("wait"));
        Files.write(dir.resolve("list.txt"), lines);
        String script = "mkdir -p \"$2/pids\"; : > \"$2/pids/$PPID\";"
                + " if [ \"$1\" = kill ]; then echo {%} > \"$2/killed\"; kill -9 $PPID; exit 0; fi;"
                + " n=0; while [ $(ls \"$2/pids\" | wc -l) -lt 4 ]; do n=$((n+1)); [ $n -gt 600 ] && exit 3; sleep 0.05; done;"
                + " echo {%}";

        CliProcess run = CliProcess.run(dir, "", "run", "-p", "3", "-k", "command", "--chunk-size", "1", "--json",
                "-c", "sh -c '" + script + "' sh {} '" + dir + "'", "list.txt");

        assertThat(run.exitCode()).as("the killed task failed: " + run.stderr()).isEqualTo(1);
        List<Long> started = new ArrayList<>();
        Map<Long, Set<String>> slotsByPid = new HashMap<>();
        for (String line : run.stdout().lines().toList()) {
            JsonNode event = JSON.readTree(line);
            switch (event.get("type").asText()) {
                case "worker-started" -> started.add(event.get("pid").asLong());
                case "task-succeeded" -> slotsByPid.computeIfAbsent(event.get("pid").asLong(), pid -> new HashSet<>())
                        .add(event.get("result").asText());
                default -> { }
            }
        }
        String killed = Files.readString(dir.resolve("killed")).strip();
        assertThat(started).as("three workers and one replacement").hasSize(4);
        assertThat(slotsByPid.values()).allSatisfy(slots -> assertThat(slots).hasSize(1).isSubsetOf("1", "2", "3"));
        assertThat(slotsByPid.get(started.get(3))).as("the replacement's slot").containsExactly(killed);
        assertThat(slotsByPid.values().stream().map(slots -> slots.iterator().next()).distinct())
                .as("one slot a live worker").hasSize(slotsByPid.size());
    }
}
