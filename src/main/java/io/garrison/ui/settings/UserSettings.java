package io.garrison.ui.settings;

import java.nio.file.Path;
import java.util.prefs.Preferences;

/**
 * The user's settings file, {@code settings.properties} in {@link UserFolders#configFolder()}, made once per app and
 * shared by every window, with the old Java preferences moved into it on first use ({@link LegacyPreferences}).
 * Tests never call this: they give their own nodes. Any thread.
 */
public final class UserSettings {

    private static final String FILE_NAME = "settings.properties";
    private static SettingsFile node;
    private static boolean moved;

    private UserSettings() {
    }

    /** The user's settings node. The first call reads the file (and moves old settings in). */
    public static synchronized Preferences node() {
        if (node == null) {
            node = new SettingsFile(file());
            moved = LegacyPreferences.moveOnce(LegacyPreferences.ofUser(), node);
        }
        return node;
    }

    /** The file {@link #node()} keeps its settings in. */
    public static Path file() {
        return UserFolders.configFolder().resolve(FILE_NAME);
    }

    /** Whether this start moved old Java preferences into the file (the app says so in its log). */
    public static synchronized boolean movedThisStart() {
        return moved;
    }
}
