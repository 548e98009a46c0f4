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
        if (args.length == 0) {
            return args;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        List<String> translated = new ArrayList<>();
        switch (args[0]) {
            case "watch" -> {
                for (int i = 0; i < rest.size(); i++) {
                    String arg = rest.get(i);
                    if ("--start".equals(arg)) {
                        translated.add(arg);
                    } else if (arg.startsWith("--")) {
                        // The app's options take a value each; --port is the window's --watch-port.
                        translated.add("--port".equals(arg) ? "--watch-port" : arg);
                        if (i + 1 < rest.size()) {
                            translated.add(rest.get(++i));
                        }
                    } else {
                        translated.add("--watch");
                        translated.add(arg);
                    }
                }
            }
            case "python" -> {
                // The window's own options come before the script; everything from the script on is the script's.
                int i = 0;
                while (i < rest.size() && rest.get(i).startsWith("--")) {
                    translated.add(rest.get(i));
                    if (!"--start".equals(rest.get(i)) && i + 1 < rest.size()) {
                        translated.add(rest.get(++i));
                    }
                    i++;
                }
                translated.add("--python");
                translated.addAll(rest.subList(i, rest.size()));
            }
            default -> {
                return args;
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
