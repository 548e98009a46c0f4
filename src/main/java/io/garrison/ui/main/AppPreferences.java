package io.garrison.ui.main;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.prefs.Preferences;

/**
 * What the app remembers between launches (window size, last folders, language, presentation mode), in
 * {@link java.util.prefs.Preferences}. Tests give their own node so they never touch the user's settings.
 */
public final class AppPreferences {

    private final Preferences node;

    public AppPreferences(Preferences node) {
        this.node = node;
    }

    /** The user's settings for this app. */
    public static AppPreferences forUser() {
        return new AppPreferences(Preferences.userRoot().node("io/garrison/ui"));
    }

    public double windowWidth(double fallback) {
        return node.getDouble("window.width", fallback);
    }

    public double windowHeight(double fallback) {
        return node.getDouble("window.height", fallback);
    }

    public void saveWindow(double width, double height) {
        node.putDouble("window.width", width);
        node.putDouble("window.height", height);
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
