package io.garrison.ui.theme;

import java.util.List;
import javafx.scene.Scene;

/**
 * Puts the dark theme's stylesheet on a scene or takes it away. It comes last, so its colours win over the app's
 * and the controls' own. A scene whose sheets change styles all its nodes again: a moment's work, done when the
 * user switches or before the window first shows, never during a run. FX thread.
 */
public final class ThemeStylesheet {

    static final String DARK = ThemeStylesheet.class.getResource("/css/dark.css").toExternalForm();

    private ThemeStylesheet() {
    }

    /**
     * Makes {@code scene} dark or light; nothing when it already is. A dark sheet that another sheet came after
     * (the app adds its own once the view is in the scene) is moved last again: of two sheets that give
     * {@code .root} a colour, the later wins.
     */
    public static void apply(Scene scene, boolean dark) {
        if (scene == null) {
            return;
        }
        List<String> sheets = scene.getStylesheets();
        boolean last = !sheets.isEmpty() && sheets.get(sheets.size() - 1).equals(DARK);
        if (dark == sheets.contains(DARK) && (!dark || last)) {
            return;
        }
        sheets.remove(DARK);
        if (dark) {
            sheets.add(DARK);
        }
    }

    /** Whether {@code scene} is drawn dark. */
    public static boolean isDark(Scene scene) {
        return scene != null && scene.getStylesheets().contains(DARK);
    }
}
