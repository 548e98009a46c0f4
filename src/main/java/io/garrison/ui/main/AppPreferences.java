package io.garrison.ui.main;

import io.garrison.ui.RememberedWindow;
import io.garrison.ui.WindowPlacement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.prefs.Preferences;

/**
 * What the app remembers between launches (the window's size and place, last folders, language, presentation
 * mode), in
 * {@link java.util.prefs.Preferences}. Tests give their own node so they never touch the user's settings.
 */
public final class AppPreferences {

    private final Preferences node;

    public AppPreferences(Preferences node) {
        this.node = node;
    }

    /** The user's settings for this app. */
    public static AppPreferences forUser() {
        return new AppPreferences(Preferences.userRoot().node(RememberedWindow.USER_NODE));
    }

    /**
     * The main window's bounds, kept under {@code window.*}. Launches before positions were kept left only a
     * width and a height there; they are used, centred, when they still fit.
     */
    public RememberedWindow mainWindow(WindowPlacement placement) {
        return new RememberedWindow(node, "window", placement);
    }

    /** A remembered folder that still exists. */
    public Optional<Path> folder(String name) {
        String value = node.get("folder." + name, null);
        if (value == null) {
            return Optional.empty();
        }
        Path path = Path.of(value);
        return Files.isDirectory(path) ? Optional.of(path) : Optional.empty();
    }

    public void saveFolder(String name, Path folder) {
        if (folder != null) {
            node.put("folder." + name, folder.toAbsolutePath().toString());
        }
    }

    public Optional<Locale> locale() {
        return Optional.ofNullable(node.get("locale", null)).map(Locale::forLanguageTag);
    }

    public void saveLocale(Locale locale) {
        node.put("locale", locale.toLanguageTag());
    }

    /** Whether presentation mode was on when the app last closed; off the first time. */
    public boolean presentation() {
        return node.getBoolean("presentation", false);
    }

    public void savePresentation(boolean on) {
        node.putBoolean("presentation", on);
    }

    public void flush() {
        try {
            node.flush();
        } catch (java.util.prefs.BackingStoreException e) {
            // Remembering is a convenience: failing to store it must not stop the app from closing.
        }
    }
}
