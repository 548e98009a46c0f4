package io.garrison.ui.settings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * Moves the settings earlier versions kept in Java's own preferences store ({@link Preferences#userRoot()}, node
 * {@code io/garrison/ui}) into the settings file, once: the first start of this version copies every value there, and
 * marks the file so later starts never copy again (a value changed since must not be undone). The old values stay
 * where they were, so an older Garrison started again still finds its own. Any thread.
 */
public final class LegacyPreferences {

    /** The node earlier versions kept the desktop app's settings in. */
    public static final String NODE = "io/garrison/ui";
    /** Set in the new settings once the old ones were looked for, found or not. */
    static final String MOVED = "settings.movedFromJavaPreferences";

    private LegacyPreferences() {
    }

    /**
     * Copies the old settings into {@code settings} if that was never done.
     *
     * @param old where they were; {@code null} when there can be none (saves starting Java's store for nothing)
     * @return whether any value was copied
     */
    public static boolean moveOnce(Preferences old, Preferences settings) {
        if (settings.getBoolean(MOVED, false)) {
            return false;
        }
        int copied = 0;
        try {
            if (old != null) {
                for (String key : old.keys()) {
                    String value = old.get(key, null);
                    if (value != null && settings.get(key, null) == null) {
                        settings.put(key, value);
                        copied++;
                    }
                }
            }
        } catch (BackingStoreException | IllegalStateException e) {
            // Old settings that cannot be read are as good as none: the defaults serve, as on a first start.
        }
        settings.putBoolean(MOVED, true);
        return copied > 0;
    }

    /**
     * The user's old node, or {@code null} where it surely does not exist. On Linux and other Unix systems Java
     * keeps it in files under {@code ~/.java/.userPrefs}; asking Java for it there would make that folder (and say so
     * on the console) on a machine that never had one. Elsewhere (the Windows registry, macOS's plist) Java is asked.
     */
    public static Preferences ofUser() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (!os.contains("win") && !os.contains("mac")) {
            Path root = Path.of(System.getProperty("java.util.prefs.userRoot", System.getProperty("user.home")),
                    ".java", ".userPrefs");
            if (!Files.isDirectory(root.resolve(NODE))) {
                return null;
            }
        }
        try {
            return Preferences.userRoot().nodeExists(NODE) ? Preferences.userRoot().node(NODE) : null;
        } catch (BackingStoreException | SecurityException e) {
            return null;
        }
    }
}
