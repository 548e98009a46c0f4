package io.garrison;

import io.garrison.cli.GarrisonCommand;
import io.garrison.ui.GarrisonApp;

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

    public static void main(String[] args) {
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", LOG_LINE);
        }
        if (GarrisonCommand.isCommandLine(args)) {
            System.exit(GarrisonCommand.execute(args));
        }
        GarrisonApp.launchDesktop(args);
    }
}
