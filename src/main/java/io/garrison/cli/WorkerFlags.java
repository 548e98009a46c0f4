package io.garrison.cli;

import java.util.List;

/**
 * Worker JVM options the CLI chooses from the task kind. Kinds that wait (for a web server, for another
 * program, for the clock) gain nothing from the optimising compiler, whose start-up and compilations cost
 * a fresh worker about 25 ms of CPU and keep competing with the work on a small machine; the quick
 * compiler alone is plenty for them. {@code square} does next to nothing per task, a million times: the
 * optimising compiler alone skips the profiling tier, so the hot loop is compiled once and the worker boots
 * without quick-compiler work (1M-line list, pool 2, 5 runs side by side: 0.97 s vs 1.11 s, CPU 1.43 vs
 * 1.68 s). {@code cpu} keeps both: it spins for a given time, which no compiler changes.
 */
final class WorkerFlags {

    private WorkerFlags() {
    }

    static List<String> forKind(String kind) {
        return switch (kind) {
            case "command", "download", "sleep" -> List.of("-XX:TieredStopAtLevel=1");
            case "square" -> List.of("-XX:-TieredCompilation");
            default -> List.of();
        };
    }
}
