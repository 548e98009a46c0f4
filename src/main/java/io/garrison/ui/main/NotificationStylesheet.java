package io.garrison.ui.main;

import javafx.scene.Scene;
import org.controlsfx.control.Notifications;

/**
 * ControlsFX's {@link Notifications} put their stylesheet first in the owner window's scene the first time one
 * is shown. A scene whose stylesheets change matches the styles of every node in it again: in the main window,
 * with 64 soldiers and the task table, that took one frame of 100 to 300 ms right as the first run ended (the
 * stress demo's worst frame). Giving the scene the sheet from the start does that work once, before the window
 * is first styled, and leaves the notification nothing to add.
 */
final class NotificationStylesheet {

    /** The sheet ControlsFX adds, found the way it finds it. */
    static final String URL = Notifications.class.getResource("notificationpopup.css").toExternalForm();

    private NotificationStylesheet() {
    }

    /** Puts the sheet where ControlsFX would (first, so the app's own sheets still win); no-op if it is there. */
    static void install(Scene scene) {
        if (scene != null && !scene.getStylesheets().contains(URL)) {
            scene.getStylesheets().add(0, URL);
        }
    }
}
