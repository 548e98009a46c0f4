package io.garrison.cli;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads the arguments of a plain {@code garrison run} without picocli, because building picocli's model of
 * every command (reflection over all their annotations, about 170 classes) took a third of a short run's
 * start-up, before the first worker could even be spawned.
 *
 * <p>It only accepts what it fully understands: {@code --name value}, {@code --name=value}, {@code -x value},
 * the switches and one LIST. Anything else (help, a mistake, an option it does not know, a value that
 * looks like an option) makes it answer null, and picocli then parses the same arguments and says what is
 * wrong. So picocli stays the one authority on usage and errors; a test checks both agree.
 */
final class QuickRunArguments {

    private QuickRunArguments() {
    }

    /** The run command with its fields set from {@code args} (which start with "run"), or null. */
    static RunCommand parse(String[] args) {
        if (args.length < 2 || !args[0].equals("run")) {
            return null;
        }
        RunCommand run = new RunCommand();
        run.kind = "square";
        run.out = Path.of(".");
        Set<String> seen = new HashSet<>();
        try {
            for (int i = 1; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("-") || !arg.startsWith("-")) {
                    if (run.list != null) {
                        return null;
                    }
                    run.list = arg;
                    continue;
                }
                String name = arg;
                String value = null;
                int equals = arg.indexOf('=');
                if (arg.startsWith("--") && equals > 0) {
                    name = arg.substring(0, equals);
                    value = arg.substring(equals + 1);
                }
                String option = canonical(name);
                if (option == null || !seen.add(option)) {
                    return null;
                }
                if (isSwitch(option)) {
                    if (value != null) {
                        return null;
                    }
                    set(run, option, null);
                    continue;
                }
                if (value == null) {
                    if (i + 1 >= args.length) {
                        return null;
                    }
                    value = args[++i];
                }
                if (value.isEmpty() || value.startsWith("-") && value.length() > 1 || isNumeric(option) && !plainNumber(value)) {
                    return null;
                }
                set(run, option, value);
            }
        } catch (NumberFormatException | java.nio.file.InvalidPathException e) {
            return null;
        }
        return run.list == null ? null : run;
    }

    private static String canonical(String name) {
        return switch (name) {
            case "-p", "--pool" -> "--pool";
            case "-k", "--kind" -> "--kind";
            case "-o", "--out" -> "--out";
            case "-c", "--command" -> "--command";
            case "-0", "--null" -> "--null";
            case "--chunk-size", "--timeout", "--delay", "--retries", "--max-tasks-per-worker", "--halt", "--joblog",
                    "--joblog-format", "--resume", "--resume-failed", "--retry-failed", "--strict", "--json",
                    "--keep-order", "--tag", "--results", "--watch-port" -> name;
            default -> null;
        };
    }

    private static boolean isNumeric(String option) {
        return switch (option) {
            // Durations with units or a % go to picocli, which reads them as the same strings.
            case "--pool", "--chunk-size", "--timeout", "--delay", "--retries", "--max-tasks-per-worker",
                    "--watch-port" -> true;
            default -> false;
        };
    }

    /** Digits with at most one dot and no leading zero: read the same by every number parser. */
    private static boolean plainNumber(String value) {
        int dots = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '.') {
                dots++;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        boolean leadingZero = value.length() > 1 && value.charAt(0) == '0' && value.charAt(1) != '.';
        return dots <= 1 && !leadingZero && value.charAt(0) != '.' && value.charAt(value.length() - 1) != '.';
    }

    private static boolean isSwitch(String option) {
        return switch (option) {
            case "--resume", "--resume-failed", "--retry-failed", "--strict", "--json", "--null", "--keep-order",
                    "--tag" -> true;
            default -> false;
        };
    }

    private static void set(RunCommand run, String option, String value) {
        switch (option) {
            case "--pool" -> run.pool = Integer.valueOf(value);
            case "--kind" -> run.kind = value;
            case "--out" -> run.out = Path.of(value);
            case "--command" -> run.command = value;
            case "--chunk-size" -> run.chunkSize = Integer.valueOf(value);
            case "--timeout" -> run.timeout = value;
            case "--delay" -> run.delay = value;
            case "--null" -> run.nullSeparated = true;
            case "--retries" -> run.retries = Integer.parseInt(value);
            case "--max-tasks-per-worker" -> run.maxTasksPerWorker = Integer.parseInt(value);
            case "--halt" -> run.halt = value;
            case "--joblog" -> run.joblog = Path.of(value);
            case "--joblog-format" -> run.joblogFormat = value;
            case "--resume" -> run.resume = true;
            case "--resume-failed" -> run.resumeFailed = true;
            case "--retry-failed" -> run.retryFailed = true;
            case "--strict" -> run.strict = true;
            case "--json" -> run.json = true;
            case "--keep-order" -> run.keepOrder = true;
            case "--tag" -> run.tag = true;
            case "--results" -> run.results = Path.of(value);
            case "--watch-port" -> run.watchPort = Integer.valueOf(value);
            default -> throw new IllegalStateException(option);
        }
    }
}
