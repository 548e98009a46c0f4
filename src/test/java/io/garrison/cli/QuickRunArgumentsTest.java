package io.garrison.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** The quick reader of {@code run}'s arguments must read exactly what picocli reads, or step aside. */
class QuickRunArgumentsTest {

    static Stream<Arguments> understood() {
        return Stream.of(
                args("run", "list.txt"),
                args("run", "-"),
                args("run", "-p", "3", "-k", "download", "-o", "pages", "urls.txt"),
                args("run", "--pool=2", "--kind=command", "--command=curl -sf -o {out} {}", "--out=pages", "urls.txt"),
                args("run", "-k", "command", "-c", "gzip -k {}", "--joblog", "jobs.tsv", "--resume", "files.txt"),
                args("run", "--chunk-size", "50", "--timeout", "2.5", "--retries", "3", "--max-tasks-per-worker", "100",
                        "--halt", "soon,fail=2", "--strict", "--json", "-"),
                args("run", "list.txt", "-p", "1"),
                args("run", "-k", "sleep", "--timeout", "10", "waits.txt"),
                args("run", "--joblog", "jobs.tsv", "--joblog-format", "parallel", "--resume-failed", "list.txt"),
                args("run", "--joblog=jobs.tsv", "--retry-failed", "list.txt"),
                args("run", "-p", "5", "--keep-order", "--tag", "--results", "out", "-"),
                args("run", "-k", "command", "-c", "echo {}", "--results=out dir", "--tag", "list.txt"),
                args("run", "-k", "sleep", "--watch-port", "0", "--json", "list.txt"),
                args("run", "--watch-port=41234", "-"));
    }

    static Stream<Arguments> leftToPicocli() {
        return Stream.of(
                args("run"),
                args("run", "--help"),
                args("run", "-h"),
                args("run", "-V"),
                args("run", "-p3", "list.txt"),
                args("run", "-p", "3", "-p", "4", "list.txt"),
                args("run", "a.txt", "b.txt"),
                args("run", "--pool", "three", "list.txt"),
                args("run", "--pool", "-1", "list.txt"),
                args("run", "--pool", "010", "list.txt"),
                args("run", "--timeout", "1e3", "list.txt"),
                args("run", "--no-such-option", "list.txt"),
                args("run", "--json=true", "list.txt"),
                args("run", "--tag=yes", "list.txt"),
                args("run", "--results", "list.txt"),
                args("run", "--watch-port", "-1", "list.txt"),
                args("run", "--watch-port", "port", "list.txt"),
                args("run", "-k"),
                args("run", "--kind=", "list.txt"),
                args("run", "-c", "-x", "list.txt"),
                args("run", "--", "list.txt"),
                args("run", "--joblog", "jobs.tsv", "--retry-failed"),
                args("lesson", "race"),
                args("--version"));
    }

    @ParameterizedTest
    @MethodSource("understood")
    void readsWhatPicocliReads(String[] args) {
        RunCommand quick = QuickRunArguments.parse(args);
        assertThat(quick).as(Arrays.toString(args)).isNotNull();
        RunCommand picocli = viaPicocli(args);
        assertThat(quick).usingRecursiveComparison().isEqualTo(picocli);
    }

    @ParameterizedTest
    @MethodSource("leftToPicocli")
    void stepsAsideForAnythingElse(String[] args) {
        assertThat(QuickRunArguments.parse(args)).as(Arrays.toString(args)).isNull();
    }

    @Test
    void optionDefaultsAreTheOnesPicocliDeclares() {
        RunCommand quick = QuickRunArguments.parse(argv("run", "list.txt"));
        assertThat(quick.kind).isEqualTo("square");
        assertThat(quick.out.toString()).isEqualTo(".");
        assertThat(quick).usingRecursiveComparison().isEqualTo(viaPicocli(argv("run", "list.txt")));
    }

    private static RunCommand viaPicocli(String[] args) {
        CommandLine.ParseResult result = new CommandLine(new GarrisonCommand()).parseArgs(args);
        return (RunCommand) result.subcommand().commandSpec().userObject();
    }

    private static Arguments args(String... args) {
        return Arguments.of((Object) args);
    }

    private static String[] argv(String... args) {
        return args;
    }
}
