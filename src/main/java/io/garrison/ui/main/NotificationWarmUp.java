package io.garrison.ui.main;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import org.controlsfx.control.Notifications;

/**
 * Makes the first end-of-run notification cheap to show. ControlsFX's {@code showInformation()} took 23-29 ms of
 * the FX thread in the frame a run ends (the stress demo's worst frame in two of three runs): it decodes its icon
 * from the jar, and about 70 classes of the popup, its bar, its actions and its fade load and initialize then.
 * Done while the main window is built, before anything is on screen, that leaves 12-19 ms to {@code show()}.
 */
final class NotificationWarmUp {

    static final String CLASS_LIST = "/warmup/first-notification-classes.txt";

    private final Image information = icon("dialog-information.png");
    private final Image warning = icon("dialog-warning.png");

    NotificationWarmUp() {
        loadClasses();
    }

    /** The icon ControlsFX would show for a run that ended with or without failures. */
    ImageView iconFor(boolean failed) {
        return new ImageView(failed ? warning : information);
    }

    /** Decoded on a background thread, as ControlsFX's own icons, so that no frame waits for it. */
    private static Image icon(String name) {
        return new Image(Notifications.class.getResource("/org/controlsfx/dialog/" + name).toExternalForm(), true);
    }

    /** Loads and initializes the listed classes; one missing from this version of a library is skipped. */
    static void loadClasses() {
        ClassLoader loader = NotificationWarmUp.class.getClassLoader();
        for (String name : listedClasses()) {
            try {
                Class.forName(name, true, loader);
            } catch (ClassNotFoundException | LinkageError absentHere) {
                // Only the warm-up is less complete; the notification itself loads what it needs.
            }
        }
    }

    /** The class names of {@link #CLASS_LIST}; empty if it cannot be read, which costs only the warm-up. */
    static List<String> listedClasses() {
        List<String> names = new ArrayList<>();
        try (InputStream list = NotificationWarmUp.class.getResourceAsStream(CLASS_LIST)) {
            if (list == null) {
                return names;
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(list, StandardCharsets.UTF_8));
            for (String line; (line = lines.readLine()) != null; ) {
                String name = line.strip();
                if (!name.isEmpty() && !name.startsWith("#")) {
                    names.add(name);
                }
            }
        } catch (IOException unreadable) {
            names.clear();
        }
        return names;
    }
}
