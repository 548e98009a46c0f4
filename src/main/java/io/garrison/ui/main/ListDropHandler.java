package io.garrison.ui.main;

import io.garrison.ui.i18n.I18n;
import java.io.File;
import java.util.List;
import javafx.scene.input.Clipboard;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;

/**
 * Takes a task list from what the user drops or pastes: a file (the first one), a URL dragged from a browser
 * (a one-line list), or plain text (one input a line). Drop and paste share {@link #accept(List, String, String)},
 * so tests can use the very path a drop takes with real files.
 */
public final class ListDropHandler {

    private final MainViewModel model;

    public ListDropHandler(MainViewModel model) {
        this.model = model;
    }

    /** For {@code setOnDragOver}: accepts anything a list can come from. */
    public void onDragOver(DragEvent event) {
        Dragboard board = event.getDragboard();
        if (board.hasFiles() || board.hasUrl() || board.hasString()) {
            event.acceptTransferModes(TransferMode.COPY);
        }
        event.consume();
    }

    /** For {@code setOnDragDropped}. */
    public void onDragDropped(DragEvent event) {
        Dragboard board = event.getDragboard();
        boolean taken = accept(board.hasFiles() ? board.getFiles() : List.of(),
                board.hasUrl() ? board.getUrl() : null, board.hasString() ? board.getString() : null);
        event.setDropCompleted(taken);
        event.consume();
    }

    /**
     * Ctrl+V where no text is being edited ({@link ListPasteShortcut}), and File, Paste list.
     * @return whether the clipboard held something usable
     */
    public boolean paste(Clipboard clipboard) {
        return accept(clipboard.hasFiles() ? clipboard.getFiles() : List.of(),
                clipboard.hasUrl() ? clipboard.getUrl() : null, clipboard.hasString() ? clipboard.getString() : null);
    }

    /**
     * What a drop or a paste carries. Files win, then text (which, from a browser, often holds the same URL
     * as {@code url} or several lines), then the URL alone.
     * @return whether anything was taken
     */
    public boolean accept(List<File> files, String url, String text) {
        if (files != null && !files.isEmpty()) {
            model.loadFile(files.get(0).toPath());
            return true;
        }
        if (text != null && !text.isBlank()) {
            model.loadText(I18n.get("ui.list.dropped"), text);
            return true;
        }
        if (url != null && !url.isBlank()) {
            model.loadText(I18n.get("ui.list.dropped"), url);
            return true;
        }
        return false;
    }
}
