package io.garrison.ui.theme;

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

    /** Makes {@code scene} dark or light; nothing when it already is. */
    public static void apply(Scene scene, boolean dark) {
        if (scene == null || scene.getStylesheets().contains(DARK) == dark) {
            return;
        }
        if (dark) {
            scene.getStylesheets().add(DARK);
        } else {
            scene.getStylesheets().remove(DARK);
        }
    }

    /** Whether {@code scene} is drawn dark. */
    public static boolean isDark(Scene scene) {
        return scene != null && scene.getStylesheets().contains(DARK);
    }
}
