package io.garrison;

import io.garrison.cli.GarrisonCommand;
import io.garrison.ui.GarrisonApp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The one entry point of the jar and of the installed launcher.
 *
 * <p>Kept apart from the JavaFX {@code Application} so the jar can start from a plain class path (JavaFX
 * refuses to launch an {@code Application} subclass named as the main class when it is not on the module
 * path), and so that the command-line tools never initialise the toolkit.
 */
public final class Launcher {

    private Launcher() {
    }

    /** How the library's warnings read on stderr (through {@code System.Logger}): one line, as the CLI's own. */
    private static final String LOG_LINE = "garrison: %4$s: %5$s%6$s%n";

    /**
     * The desktop app's arguments for a command line that names a window: {@code garrison watch FILE|-|--port N}
     * draws a stream, {@code garrison python SCRIPT [ARGS]} a Python script's pool; other arguments are the app's.
     */
    static String[] desktopArguments(String[] args) {
        if (args.length == 0 || !("watch".equals(args[0]) || "python".equals(args[0]))) {
            return args;
        }
        boolean python = "python".equals(args[0]);
        List<String> translated = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (python && !arg.startsWith("--") || "--".equals(arg)) {
                // The script, and everything after it, is the script's: options of the same names included.
                int script = "--".equals(arg) ? i + 1 : i;
                translated.add("--python");
                translated.addAll(Arrays.asList(args).subList(Math.min(script, args.length), args.length));
                break;
            }
            if (!arg.startsWith("--") || "-".equals(arg)) {
                translated.add("--watch");
                translated.add(arg);
                continue;
            }
            // The window's own options take a value each but --start, given as the next word or after "=".
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg : arg.substring(0, equals);
            translated.add(!python && "--port".equals(name) ? "--watch-port" : name);
            if (equals >= 0) {
                translated.add(arg.substring(equals + 1));
            } else if (!"--start".equals(name) && i + 1 < args.length) {
                translated.add(args[++i]);
            }
        }
        return translated.toArray(String[]::new);
    }

    public static void main(String[] args) {
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", LOG_LINE);
        }
        if (GarrisonCommand.isCommandLine(args)) {
            System.exit(GarrisonCommand.execute(args));
        }
        GarrisonApp.launchDesktop(desktopArguments(args));
    }
}
