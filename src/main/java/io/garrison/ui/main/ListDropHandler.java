package io.garrison.ui.main;

import io.garrison.ui.i18n.I18n;
import java.io.File;
import java.util.List;
import javafx.scene.input.Clipboard;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;

/**
 * Takes a task list from what the user drops or pastes ({@link DroppedContent}). Drop and paste share
 * {@link #accept(DroppedContent)}, so tests can use the very path a drop takes with real files. What wins, when a
 * drop carries several forms:
 * <ol>
 *   <li>files: one is a list; several are one input each for commands, else their lists one after another
 *       ({@link MainViewModel#loadFiles});</li>
 *   <li>a {@code text/uri-list}: the URLs a browser drags, one task each;</li>
 *   <li>the links of an HTML selection, whose plain text would give their labels instead;</li>
 *   <li>plain text, one input a line.</li>
 * </ol>
 */
public final class ListDropHandler {

    private final MainViewModel model;

    public ListDropHandler(MainViewModel model) {
        this.model = model;
    }

    /** For {@code setOnDragOver}: accepts anything a list can come from. */
    public void onDragOver(DragEvent event) {
        if (DroppedContent.offeredBy(event.getDragboard())) {
            event.acceptTransferModes(TransferMode.COPY);
        }
        event.consume();
    }

    /** For {@code setOnDragDropped}. */
    public void onDragDropped(DragEvent event) {
        event.setDropCompleted(accept(DroppedContent.of(event.getDragboard())));
        event.consume();
    }

    /**
     * Ctrl+V where no text is being edited ({@link ListPasteShortcut}), and File, Paste list.
     * @return whether the clipboard held something usable
     */
    public boolean paste(Clipboard clipboard) {
        return accept(DroppedContent.of(clipboard));
    }

    /** Files, a URL list and text, as a drop without HTML carries them. */
    public boolean accept(List<File> files, String uriList, String text) {
        List<File> given = files == null ? List.of() : files;
        return accept(new DroppedContent(given.stream().map(File::toPath).toList(), uriList, null, text));
    }

    /**
     * What a drop or a paste carries, chosen as the class comment says.
     * @return whether anything was taken
     */
    public boolean accept(DroppedContent dropped) {
        if (!dropped.files().isEmpty()) {
            model.loadFiles(dropped.files());
            return true;
        }
        List<String> urls = DroppedLinks.ofUriList(dropped.uriList());
        if (urls.isEmpty()) {
            urls = DroppedLinks.ofHtml(dropped.html());
        }
        if (!urls.isEmpty()) {
            model.loadText(I18n.get("ui.list.dropped"), String.join("\n", urls));
            return true;
        }
        if (dropped.text() != null && !dropped.text().isBlank()) {
            model.loadText(I18n.get("ui.list.dropped"), dropped.text());
            return true;
        }
        return false;
    }
}
