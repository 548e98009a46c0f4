package io.garrison.ui.notify;

import java.awt.AWTException;
import java.awt.EventQueue;
import java.awt.Image;
import java.awt.SystemTray;
import java.awt.Toolkit;
import java.awt.TrayIcon;
import java.net.URL;

/**
 * Notifications on Windows and macOS: a message from an icon in the system tray (the notification area on
 * Windows, the menu bar on macOS), through AWT, which JavaFX 21 has no counterpart of. Clicking the message (or the
 * icon) runs the click's action. The icon is put there for the first message and taken away when the app exits.
 * Written for those systems and not run there yet (installer/README.md). Any thread: AWT's work runs on its own.
 */
public final class TrayNotifier implements DesktopNotifier {

    private final URL iconImage;
    private final String tooltip;
    private TrayIcon icon;
    private volatile Runnable lastClick = () -> { };

    /**
     * @param iconImage the tray icon's picture
     * @param tooltip   what the icon says when pointed at (the app's name)
     */
    public TrayNotifier(URL iconImage, String tooltip) {
        this.iconImage = iconImage;
        this.tooltip = tooltip;
    }

    /** Whether this system has a tray AWT can use: false on most Linux desktops and wherever AWT is headless. */
    public static boolean supported() {
        try {
            return SystemTray.isSupported();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    @Override
    public boolean show(String title, String text, String showLabel, Runnable onClick) {
        lastClick = onClick;
        EventQueue.invokeLater(() -> {
            try {
                if (icon == null) {
                    Image image = Toolkit.getDefaultToolkit().getImage(iconImage);
                    icon = new TrayIcon(image, tooltip);
                    icon.setImageAutoSize(true);
                    // A click on the message and a double click on the icon are both "action" events.
                    icon.addActionListener(e -> lastClick.run());
                    SystemTray.getSystemTray().add(icon);
                }
                icon.displayMessage(title, text, TrayIcon.MessageType.INFO);
            } catch (AWTException | RuntimeException e) {
                // No tray after all: the message shown inside the window is all the user gets.
                icon = null;
            }
        });
        return true;
    }

    @Override
    public void close() {
        EventQueue.invokeLater(() -> {
            if (icon != null) {
                SystemTray.getSystemTray().remove(icon);
                icon = null;
            }
        });
    }
}
