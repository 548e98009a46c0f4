package io.garrison.ui.main;

import javafx.animation.PauseTransition;
import javafx.geometry.Bounds;
import javafx.scene.control.Control;
import javafx.scene.control.Tooltip;
import javafx.util.Duration;

/**
 * A short note shown just under a field for a few seconds, saying what became of what the user typed there.
 * Under the field, not in the status bar, because that is where the user is looking while typing. FX thread.
 */
final class FieldNote {

    static final Duration SHOWN_FOR = Duration.seconds(6);

    private final Tooltip note = new Tooltip();
    private final PauseTransition hideLater = new PauseTransition(SHOWN_FOR);

    FieldNote() {
        note.getStyleClass().add("field-note");
        note.setWrapText(true);
        note.setMaxWidth(420);
        hideLater.setOnFinished(e -> note.hide());
    }

    /** Shows {@code text} under {@code field}; a field not on a shown window gets no note. */
    void show(Control field, String text) {
        note.setText(text);
        Bounds onScreen = field.localToScreen(field.getBoundsInLocal());
        if (onScreen == null || field.getScene() == null || field.getScene().getWindow() == null
                || !field.getScene().getWindow().isShowing()) {
            return;
        }
        note.show(field, onScreen.getMinX(), onScreen.getMaxY() + 2);
        hideLater.playFromStart();
    }

    /** The last note's text; empty before any. */
    String text() {
        return note.getText() == null ? "" : note.getText();
    }

    boolean isShowing() {
        return note.isShowing();
    }
}
