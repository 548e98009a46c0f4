package io.garrison.cli;

import java.util.List;

/**
 * Worker JVM options the CLI chooses from the task kind (decision 0016, measurements in
 * bench/results/decision-0009-measurements.md). Kinds that wait (for a web server, another program, the clock)
 * gain nothing from the optimising compiler, whose compilations compete with the work on a small machine;
 * {@code square} does so little per task that its workers would spend more CPU compiling than squaring on the
 * lists of a million lines or fewer that are the common case. {@code cpu} keeps both compilers: it spins for a
 * given time, which no compiler changes.
 *
 * <p>{@code command} also gets back the quick compiler's usual thresholds, which the launcher raises tenfold
 * for every worker: a command's own path (building the argv, starting the program, reading its output, reaping
 * it) runs once per task, and with the raised thresholds it stays interpreted for each worker's first 2,000
 * programs.
 */
final class WorkerFlags {

    private static final String QUICK_COMPILER_ONLY = "-XX:TieredStopAtLevel=1";

    private WorkerFlags() {
    }

    static List<String> forKind(String kind) {
        return switch (kind) {
            case "command" -> List.of(QUICK_COMPILER_ONLY, "-XX:Tier3InvocationThreshold=200",
                    "-XX:Tier3MinInvocationThreshold=100", "-XX:Tier3CompileThreshold=2000");
            // No idle connection is kept: every worker would keep its own to each host it fetched from, and a
            // host that allows two connections would hold a dozen, each a server slot until its keep-alive ends.
            case "download" -> List.of(QUICK_COMPILER_ONLY, "-Dhttp.keepAlive=false");
            case "sleep", "square" -> List.of(QUICK_COMPILER_ONLY);
            default -> List.of();
        };
    }
}
