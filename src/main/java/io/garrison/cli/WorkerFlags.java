package io.garrison.cli;

import java.util.List;

/**
 * Worker JVM options the CLI chooses from the task kind. Kinds that wait (for a web server, for another
 * program, for the clock) gain nothing from the optimising compiler, whose start-up and compilations cost
 * a fresh worker about 25 ms of CPU and keep competing with the work on a small machine; the quick
 * compiler alone is plenty for them. Kinds that compute keep both.
 */
final class WorkerFlags {

    private WorkerFlags() {
    }

    static List<String> forKind(String kind) {
        return switch (kind) {
            case "command", "download", "sleep" -> List.of("-XX:TieredStopAtLevel=1");
            default -> List.of();
        };
    }
}
