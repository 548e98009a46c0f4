package io.garrison.python;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What to run and how: a Python script with its arguments (they are the script's, whatever they look like).
 *
 * @param script        the script, as the user named it (relative to the working folder or absolute)
 * @param arguments     the script's {@code sys.argv[1:]}
 * @param patience      how long a script that lost a task may still run before it is stopped: Python's pool
 *                      waits forever for a lost task, so a script that waits for one would never end
 * @param inheritsStdin whether the script reads this process's stdin (a command line); otherwise its stdin is empty
 */
public record ScriptLaunch(Path script, List<String> arguments, Duration patience, boolean inheritsStdin) {

    public static final Duration DEFAULT_PATIENCE = Duration.ofSeconds(20);

    public ScriptLaunch {
        Objects.requireNonNull(script, "script");
        arguments = List.copyOf(arguments);
        if (patience.isNegative()) {
            throw new IllegalArgumentException("a patience is not negative: " + patience);
        }
    }

    /** With the default patience and an empty stdin. */
    public static ScriptLaunch of(Path script, List<String> arguments) {
        return new ScriptLaunch(script, arguments, DEFAULT_PATIENCE, false);
    }

    public ScriptLaunch withPatience(Duration patience) {
        return new ScriptLaunch(script, arguments, patience, inheritsStdin);
    }
}
