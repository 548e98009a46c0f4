package io.garrison.ui;

import javafx.beans.InvalidationListener;
import javafx.beans.WeakInvalidationListener;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.Parent;

/**
 * Presentation mode: big type and big soldiers for a projector, so the back of a room reads every PID. On or off
 * for every window it is applied to: each gets the style class {@value #STYLE_CLASS} on its root while it is on,
 * and {@code garrison.css} and {@code parade-ground.css} set the sizes under that class (the soldiers' PIDs, their
 * states and cards, the parade's columns, the window's own type).
 *
 * <p>One instance per app, shared by its windows; whether it is on is remembered by whoever owns it (the main
 * window keeps it in the app's preferences). Threading: FX thread.
 */
public final class Presentation {

    /** The style class a window's root carries while presentation mode is on. */
    public static final String STYLE_CLASS = "presentation";
    private static final String FOLLOWER_KEY = Presentation.class.getName();

    private final BooleanProperty on = new SimpleBooleanProperty(this, "on");

    /** Whether presentation mode is on. */
    public BooleanProperty onProperty() {
        return on;
    }

    public boolean isOn() {
        return on.get();
    }

    public void setOn(boolean value) {
        on.set(value);
    }

    /**
     * Keeps {@code root} in presentation mode while it is on, from now on. The mode is held weakly: a window that
     * closes is not kept alive by the app's one presentation mode. Applying it twice to one root does nothing more.
     */
    public void applyTo(Parent root) {
        if (root.getProperties().containsKey(FOLLOWER_KEY)) {
            return;
        }
        InvalidationListener follow = obs -> show(root);
        // The root holds the listener; the property only a weak reference to it.
        root.getProperties().put(FOLLOWER_KEY, follow);
        on.addListener(new WeakInvalidationListener(follow));
        show(root);
    }

    private void show(Parent root) {
        boolean shown = root.getStyleClass().contains(STYLE_CLASS);
        if (on.get() && !shown) {
            root.getStyleClass().add(STYLE_CLASS);
        } else if (!on.get() && shown) {
            root.getStyleClass().remove(STYLE_CLASS);
        }
    }
}
