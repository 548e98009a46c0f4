package io.garrison.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.garrison.testing.GnuParallel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --keep-order}, {@code --tag} and {@code --results} on real runs, held to what GNU parallel 20221122
 * prints and writes for the same inputs. The comparisons are skipped where parallel is not installed.
 */
@Timeout(180)
class OutputOptionsTest {

    /** Inputs a results folder must quote: a space, a slash, a way out of the folder, an absolute path, a backslash. */
    private static final List<String> AWKWARD_INPUTS = List.of("a", "b c", "x/y z", "../../etc", "/abs", "back\\slash",
            "tab\there", "平方");

    @TempDir
    Path dir;

    @Test
    void keepOrderPrintsTheOutputsOfCommandsOfRandomDurationsInTheOrderOfTheList() throws Exception {
        Random random = new Random(20);
        // Each input is its number and how long its command sleeps: up to 40 ms, so five workers finish out of order.
        String list = IntStream.rangeClosed(1, 200)
                .mapToObj(n -> n + ":0.0" + String.format("%02d", random.nextInt(40)))
                .collect(Collectors.joining("\n", "", "\n"));
        Files.writeString(dir.resolve("list.txt"), list);

        CliProcess run = CliProcess.run(dir, "", "run", "-p", "5", "--keep-order", "-k", "command",
                "-c", "sh -c 'sleep \"${1#*:}\"; echo \"${1%%:*}\"' sh {}", "list.txt");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).isEqualTo(numbersFromOneTo(200));
    }

    @Test
    void keepOrderPrintsResultsInTheOrderOfTheListWithFailuresInTheirPlaceOnStderr() throws Exception {
        String list = IntStream.rangeClosed(1, 200).mapToObj(n -> n == 100 ? "seven" : Integer.toString(n))
                .collect(Collectors.joining("\n", "", "\n"));

        CliProcess run = CliProcess.run(dir, list, "run", "-p", "5", "--chunk-size", "1", "--keep-order", "-");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stdout().lines().map(Integer::parseInt).toList())
                .isEqualTo(IntStream.rangeClosed(1, 200).filter(n -> n != 100).map(n -> n * n).boxed().toList());
        assertThat(run.stderr()).isEqualTo("line 100: not an integer: \"seven\"" + System.lineSeparator());
    }

    @Test
    void tagPrefixesEachLineOfACommandsOutputAsParallelDoes() throws Exception {
        assumeTrue(GnuParallel.isInstalled(), "GNU parallel is not installed");
        Files.write(dir.resolve("list.txt"), AWKWARD_INPUTS, StandardCharsets.UTF_8);

        CliProcess run = CliProcess.run(dir, "", "run", "--keep-order", "--tag", "-k", "command",
                "-c", "printf '%s\\n' one {}", "list.txt");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).isEqualTo(GnuParallel.output(dir, "-k", "--tag", "-a", "list.txt", "printf '%s\\n' one {}"))
                .startsWith("a\tone\na\ta\n");
    }

    @Test
    void tagPrefixesSquaresWithTheirInputAsParallelWouldEchoThem() throws Exception {
        assumeTrue(GnuParallel.isInstalled(), "GNU parallel is not installed");
        Files.writeString(dir.resolve("list.txt"), numbersFromOneTo(20));

        CliProcess run = CliProcess.run(dir, "", "run", "-p", "3", "--keep-order", "--tag", "list.txt");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).isEqualTo(GnuParallel.output(dir, "-k", "--tag", "-a", "list.txt", "echo $(({} * {}))"))
                .startsWith("1\t1\n2\t4\n3\t9\n");
    }

    @Test
    void resultsLayTheTreeOutAsParallelDoesAndPrintNothing() throws Exception {
        assumeTrue(GnuParallel.isInstalled(), "GNU parallel is not installed");
        Files.write(dir.resolve("list.txt"), AWKWARD_INPUTS, StandardCharsets.UTF_8);

        CliProcess run = CliProcess.run(dir, "", "run", "-p", "3", "-k", "command", "-c", "echo {}",
                "--results", "garrison", "list.txt");
        String printed = GnuParallel.output(dir, "--results", "parallel", "-a", "list.txt", "echo {}");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).isEqualTo(printed).isEmpty();
        Map<String, String> tree = tree(dir.resolve("garrison"));
        assertThat(tree).isEqualTo(tree(dir.resolve("parallel")))
                .containsEntry("1/x\\_y z/stdout", "x/y z\n")
                .containsEntry("1/..\\_..\\_etc/seq", "4")
                .containsEntry("1/\\_abs/stderr", "");
    }

    @Test
    void resultsOfSquaresAreTheirLinesAndAFailuresReasonIsItsStderr() throws Exception {
        CliProcess run = CliProcess.run(dir, "3\n\n-4\nseven\n", "run", "--results", "out", "-");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).contains("line 4: not an integer");
        // The invalid line never ran: it has no folder, as a job parallel never started has none.
        assertThat(tree(dir.resolve("out"))).isEqualTo(Map.of(
                "1/3/stdout", "9\n", "1/3/stderr", "", "1/3/seq", "1",
                "1/-4/stdout", "16\n", "1/-4/stderr", "", "1/-4/seq", "3"));
    }

    @Test
    void inputsDotAndDotDotKeepToFoldersOfTheirOwnInsideTheResults() throws Exception {
        CliProcess run = CliProcess.run(dir, ".\n..\n", "run", "-k", "command", "-c", "echo {}", "--results", "out", "-");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(tree(dir.resolve("out"))).containsOnlyKeys(
                "1/\\./stdout", "1/\\./stderr", "1/\\./seq", "1/\\.\\./stdout", "1/\\.\\./stderr", "1/\\.\\./seq")
                .containsEntry("1/\\.\\./stdout", "..\n");
    }

    @Test
    void optionsThatCannotMeanWhatTheySayAreRefusedBeforeAnythingRuns() throws Exception {
        Files.writeString(dir.resolve("a-file"), "");
        List<List<String>> refused = List.of(
                List.of("--keep-order", "--json"),
                List.of("--tag", "--json"),
                List.of("--results", "out.csv"),
                List.of("--results", "out.TSV"),
                List.of("--results", "-.json"),
                List.of("--results", "my_{}"),
                List.of("--results", "a-file"));
        for (List<String> options : refused) {
            String[] args = Stream.concat(Stream.of("run"), Stream.concat(options.stream(), Stream.of("-")))
                    .toArray(String[]::new);
            CliProcess run = CliProcess.run(dir, "1\n", args);
            assertThat(run.exitCode()).as(options.toString()).isEqualTo(2);
            assertThat(run.stdout()).isEmpty();
            assertThat(run.stderr()).startsWith("garrison run: ").contains(options.get(0));
        }
        try (Stream<Path> made = Files.list(dir)) {
            assertThat(made.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith("out") || name.startsWith("my_"));
        }
    }

    private static String numbersFromOneTo(int last) {
        return IntStream.rangeClosed(1, last).mapToObj(Integer::toString).collect(Collectors.joining("\n", "", "\n"));
    }

    /** Every file under {@code root}, by its path relative to it, with its text. */
    private static Map<String, String> tree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).collect(Collectors.toMap(
                    file -> root.relativize(file).toString(), OutputOptionsTest::read, (a, b) -> a, TreeMap::new));
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
