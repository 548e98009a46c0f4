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

    public static void main(String[] args) {
        if (GarrisonCommand.isCommandLine(args)) {
            System.exit(GarrisonCommand.execute(args));
        }
        GarrisonApp.launchDesktop(args);
    }
}
