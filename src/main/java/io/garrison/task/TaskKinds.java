package io.garrison.task;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/** The built-in task kinds by name. Each call makes a fresh instance: kinds may keep per-worker state. */
public final class TaskKinds {

    public static final List<String> NAMES = List.of("square", "sleep", "cpu", "download", "command");

    private TaskKinds() {
    }

    public static Optional<TaskKind> byName(String name) {
        Supplier<TaskKind> factory = switch (name.toLowerCase(Locale.ROOT)) {
            case "square" -> SquareTask::new;
            case "sleep" -> SleepTask::new;
            case "cpu" -> CpuTask::new;
            case "download" -> DownloadTask::new;
            case "command" -> CommandTask::new;
            default -> null;
        };
        return Optional.ofNullable(factory).map(Supplier::get);
    }

    public static TaskKind require(String name) {
        return byName(name).orElseThrow(() -> new IllegalArgumentException(
                "unknown task kind " + name + " (known: " + String.join(", ", NAMES) + ")"));
    }
}
