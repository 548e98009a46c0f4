package io.garrison.ui;

import java.awt.Desktop;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * The lists the Finder asks the app to open. macOS gives a document opened with an app, or dropped on its Dock icon,
 * as an event rather than an argument; AWT's {@link Desktop} is the public way to hear it (JavaFX 21 has none).
 * Elsewhere the files come as arguments ({@link AppArguments}) and this does nothing, and AWT is never started.
 * Written for macOS and not run there yet (installer/README.md).
 */
final class OpenFilesOnMac {

    private OpenFilesOnMac() {
    }

    /** Hands every list the Finder opens with the app to {@code open}, on the FX thread. */
    static void install(Consumer<List<Path>> open) {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac")
                || !Desktop.isDesktopSupported() || !Desktop.getDesktop().isSupported(Desktop.Action.APP_OPEN_FILE)) {
            return;
        }
        Desktop.getDesktop().setOpenFileHandler(event -> {
            List<Path> files = event.getFiles().stream().map(File::toPath).toList();
            Platform.runLater(() -> open.accept(files));
        });
    }
}
