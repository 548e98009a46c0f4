package io.garrison.ui.main;

import io.garrison.ui.i18n.I18n;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.input.DragEvent;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;

/**
 * The window's answer to something dragged over it that could become a task list: a tinted layer with a dashed
 * edge over the parade and the tabs, saying what a drop will do. It only shows; {@link ListDropHandler} takes the
 * drop. Its look is {@code .drop-highlight} in {@code garrison.css}. FX thread.
 */
final class DropHighlight extends StackPane {

    DropHighlight() {
        getStyleClass().add("drop-highlight");
        setId("dropHighlight");
        Label words = new Label();
        words.getStyleClass().add("drop-highlight-text");
        words.textProperty().bind(I18n.text("ui.drop.highlight"));
        words.setWrapText(true);
        words.setMaxWidth(Region.USE_PREF_SIZE);
        getChildren().add(words);
        setAlignment(Pos.CENTER);
        // It must never take the drop itself, nor a click once it is gone.
        setMouseTransparent(true);
        setVisible(false);
    }

    /** Shows while a drag that offers a list is over {@code target}, and hides when it leaves or drops. */
    void follow(Region target) {
        target.addEventHandler(DragEvent.DRAG_ENTERED,
                event -> dragEntered(DroppedContent.offeredBy(event.getDragboard())));
        target.addEventHandler(DragEvent.DRAG_EXITED, event -> dragEnded());
        target.addEventHandler(DragEvent.DRAG_DROPPED, event -> dragEnded());
    }

    /** A drag came over the window; shown if what it carries could become a list. */
    void dragEntered(boolean offersList) {
        setVisible(offersList);
    }

    /** The drag left the window or dropped. */
    void dragEnded() {
        setVisible(false);
    }
}
