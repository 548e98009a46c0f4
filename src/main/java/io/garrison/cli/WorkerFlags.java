package io.garrison.cli;

import java.util.List;

/**
 * Worker JVM options the CLI chooses from the task kind. Kinds that wait (for a web server, for another
 * program, for the clock) gain nothing from the optimising compiler, whose start-up and compilations cost
 * a fresh worker about 25 ms of CPU and keep competing with the work on a small machine; the quick
 * compiler alone is plenty for them. {@code square} does next to nothing per task: with the optimising
 * compiler its workers spent more CPU compiling than squaring (a 1M-line list, pool 2: 0.30 s of the run's
 * 1.34 s of CPU in the workers' C2 threads). With the quick compiler alone the same list ran in 0.612 s
 * against 0.708 s (pool 2) and 0.728 s against 0.915 s (pool 4), medians of 5-6 alternating runs; at ten
 * million lines the optimising compiler's faster code wins back its cost (2.37 s against 3.16 s), both still
 * about twice as fast as Python. Lists of a million or fewer are the common case, so {@code square} takes the
 * quick compiler. {@code cpu} keeps both: it spins for a given time, which no compiler changes.
 *
 * <p>{@code command} also gets back the quick compiler's usual thresholds, which the launcher raises tenfold
 * for every worker. Those raised thresholds spare a pool's start-up code, but a command's own path (building
 * the argv, starting the program, reading its output, reaping it) runs once per task, so at 2,000 calls it
 * stayed in the interpreter for the first 2,000 programs of each worker. 4,000 against 1,000 {@code true},
 * pool 2, 5 alternating rounds: 0.653 ms a task against 0.747 (xargs -P 2: 0.603).
 */
final class WorkerFlags {

    private static final String QUICK_COMPILER_ONLY = "-XX:TieredStopAtLevel=1";

    private WorkerFlags() {
    }

    static List<String> forKind(String kind) {
        return switch (kind) {
            case "command" -> List.of(QUICK_COMPILER_ONLY, "-XX:Tier3InvocationThreshold=200",
                    "-XX:Tier3MinInvocationThreshold=100", "-XX:Tier3CompileThreshold=2000");
            case "download", "sleep", "square" -> List.of(QUICK_COMPILER_ONLY);
            default -> List.of();
        };
    }
}
