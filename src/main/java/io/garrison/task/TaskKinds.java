package io.garrison.task;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The built-in task kinds by name. Each call makes a fresh instance: kinds may keep per-worker state. */
public final class TaskKinds {

    public static final List<String> NAMES = List.of("square", "sleep", "cpu", "download", "command");

    private TaskKinds() {
    }

    public static Optional<TaskKind> byName(String name) {
        // Plain constructors, no method references: this runs in every worker as it starts, where each
        // first lambda costs a bootstrap.
        TaskKind kind = switch (name.toLowerCase(Locale.ROOT)) {
            case "square" -> new SquareTask();
            case "sleep" -> new SleepTask();
            case "cpu" -> new CpuTask();
            case "download" -> new DownloadTask();
            case "command" -> new CommandTask();
            default -> null;
        };
        return Optional.ofNullable(kind);
    }

    public static TaskKind require(String name) {
        Optional<TaskKind> kind = byName(name);
        if (kind.isEmpty()) {
            throw new IllegalArgumentException("unknown task kind " + name + " (known: " + String.join(", ", NAMES) + ")");
        }
        return kind.get();
    }
}
