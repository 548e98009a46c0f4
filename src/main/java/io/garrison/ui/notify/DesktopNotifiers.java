package io.garrison.ui.notify;

import java.net.URL;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;

/** The desktop notifications this system has: freedesktop on Linux and BSD, the tray elsewhere, else none. */
public final class DesktopNotifiers {

    private DesktopNotifiers() {
    }

    /**
     * @param appName   the app's name, as the desktop shows it
     * @param iconName  the app's icon in the desktop's icon theme (Linux)
     * @param iconImage the app's icon as a picture (the tray)
     */
    public static DesktopNotifier forThisSystem(String appName, String iconName, URL iconImage) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (!os.contains("win") && !os.contains("mac")) {
            Optional<List<String>> gdbus = FreedesktopNotifier.gdbusOnThisSystem();
            return gdbus.<DesktopNotifier>map(program -> new FreedesktopNotifier(program, appName, iconName,
                    ownThread())).orElse(DesktopNotifier.NONE);
        }
        return iconImage != null && TrayNotifier.supported() ? new TrayNotifier(iconImage, appName)
                : DesktopNotifier.NONE;
    }

    /** A daemon thread for each notification: each may wait long for its click, and must not hold the app open. */
    private static Executor ownThread() {
        return task -> {
            Thread thread = new Thread(task, "garrison-notification");
            thread.setDaemon(true);
            thread.start();
        };
    }
}
