package io.garrison.ui.notify;

import java.util.function.BooleanSupplier;

/**
 * Tells the desktop that a run ended, when the user is not looking at the window: its window is not focused (another
 * window is, or it is minimised). A user who watches the window sees the end there, and is not told twice.
 * FX thread for {@link #runEnded}; the click comes back through {@code bringForward}'s own hand-over.
 */
public final class RunEndNotice {

    private final DesktopNotifier notifier;
    private final BooleanSupplier windowFocused;
    private final Runnable bringForward;

    /**
     * @param notifier      the desktop's notifications
     * @param windowFocused whether the app's window has the focus now
     * @param bringForward  what a click on the notification does: the window shown and focused
     */
    public RunEndNotice(DesktopNotifier notifier, BooleanSupplier windowFocused, Runnable bringForward) {
        this.notifier = notifier;
        this.windowFocused = windowFocused;
        this.bringForward = bringForward;
    }

    /**
     * @param title     the notification's headline ("Run finished")
     * @param text      what it says: the run's counts of done and failed tasks
     * @param showLabel the words of its action that brings the window forward
     * @return whether the desktop was told
     */
    public boolean runEnded(String title, String text, String showLabel) {
        if (windowFocused.getAsBoolean()) {
            return false;
        }
        return notifier.show(title, text, showLabel, bringForward);
    }
}
