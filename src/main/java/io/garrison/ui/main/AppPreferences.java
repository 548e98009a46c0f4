package io.garrison.ui.main;

import io.garrison.ui.RememberedWindow;
import io.garrison.ui.WindowPlacement;
import io.garrison.ui.settings.RecentLists;
import io.garrison.ui.settings.UserSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.prefs.Preferences;

/**
 * What the app remembers between launches (the window's size and place, last folders, the lists opened last,
 * language, presentation mode, theme, how CSV is exported), in a {@link java.util.prefs.Preferences} node: for the
 * user, the settings file in the configuration folder ({@link UserSettings}). Tests give their own node so they
 * never touch the user's settings.
 */
public final class AppPreferences {

    private final Preferences node;

    public AppPreferences(Preferences node) {
        this.node = node;
    }

    /** The user's settings for this app. Reads the settings file: call it off the FX thread, once. */
    public static AppPreferences forUser() {
        return new AppPreferences(UserSettings.node());
    }

    /** The task lists opened last, for File → Open recent. */
    public RecentLists recentLists() {
        return new RecentLists(node);
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

    /**
     * Whether a CSV export starts with a byte-order mark, which tells a spreadsheet the file is UTF-8: without it
     * Excel reads the file in the system's legacy code page and shows Chinese as mojibake. Until the user chooses,
     * on when the app speaks Chinese, where such words are the rule; elsewhere off, as some scripts that read the
     * file take the mark for part of the first column's name.
     */
    public boolean csvByteOrderMark(Locale language) {
        return node.getBoolean("export.csvByteOrderMark", "zh".equals(language.getLanguage()));
    }

    public void saveCsvByteOrderMark(boolean on) {
        node.putBoolean("export.csvByteOrderMark", on);
    }

    /** The theme chosen in View → Theme ({@code system}, {@code light} or {@code dark}); empty before any choice. */
    public Optional<String> theme() {
        return Optional.ofNullable(node.get("theme", null));
    }

    public void saveTheme(String theme) {
        node.put("theme", theme);
    }

    public void flush() {
        try {
            node.flush();
        } catch (java.util.prefs.BackingStoreException e) {
            // Remembering is a convenience: failing to store it must not stop the app from closing.
        }
    }
}
