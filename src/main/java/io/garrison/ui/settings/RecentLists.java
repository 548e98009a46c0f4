package io.garrison.ui.settings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.Preferences;

/**
 * The task lists opened last, newest first, for File → Open recent; kept in the settings under
 * {@code recent.0}, {@code recent.1}, ... A list opened again moves to the top; the oldest falls off past
 * {@link #MAX}. Any thread (the settings node is thread-safe).
 */
public final class RecentLists {

    /** How many lists are remembered: as many as a menu shows at a glance. */
    public static final int MAX = 10;
    private static final String KEY = "recent.";

    private final Preferences settings;

    public RecentLists(Preferences settings) {
        this.settings = settings;
    }

    /** The lists, newest first; files since deleted included (opening one says so). */
    public List<Path> all() {
        List<Path> lists = new ArrayList<>();
        for (int i = 0; i < MAX; i++) {
            String path = settings.get(KEY + i, null);
            if (path != null && !path.isBlank()) {
                lists.add(Path.of(path));
            }
        }
        return lists;
    }

    /** Puts {@code list} at the top. */
    public void opened(Path list) {
        Path absolute = list.toAbsolutePath().normalize();
        List<Path> lists = new ArrayList<>(all());
        lists.remove(absolute);
        lists.add(0, absolute);
        save(lists);
    }

    public void clear() {
        save(List.of());
    }

    private void save(List<Path> lists) {
        for (int i = 0; i < MAX; i++) {
            if (i < lists.size()) {
                settings.put(KEY + i, lists.get(i).toString());
            } else {
                settings.remove(KEY + i);
            }
        }
    }
}
