package io.garrison.ui.notify;

/**
 * Tells the user something through the desktop's own notifications, outside the app's window: what a user who
 * looks at another window still sees. Implementations never block the caller on the desktop's answer.
 */
public interface DesktopNotifier {

    /** A notifier that shows nothing: a system without a notification service, and tests. */
    DesktopNotifier NONE = (title, text, showLabel, onClick) -> false;

    /**
     * Shows a notification.
     *
     * @param title     its headline
     * @param text      its body
     * @param showLabel the words of the action that brings the app forward, where the desktop shows actions
     * @param onClick   what clicking it does, on a thread of the notifier's (the caller hands it to the FX thread)
     * @return whether it was handed to the desktop
     */
    boolean show(String title, String text, String showLabel, Runnable onClick);

    /** Lets go of what waits for clicks; called once, when the app exits. */
    default void close() {
    }
}
