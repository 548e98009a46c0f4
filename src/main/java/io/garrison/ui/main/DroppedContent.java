package io.garrison.ui.main;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.input.Clipboard;
import javafx.scene.input.DataFormat;

/**
 * What a drop or a paste carries that a task list can come from, each in its own form: files, a
 * {@code text/uri-list}, an HTML selection and plain text. A browser offers several of these for one drag (a link:
 * its URL as {@code text/uri-list}, its label as text); {@link ListDropHandler} chooses among them.
 *
 * @param files   the files, in the order given; empty for none
 * @param uriList the {@code text/uri-list}, one URI a line; null for none
 * @param html    the HTML of the selection; null for none
 * @param text    the plain text; null for none
 */
public record DroppedContent(List<Path> files, String uriList, String html, String text) {

    public DroppedContent {
        files = List.copyOf(files);
    }

    /** What {@code board} holds (a {@code Dragboard} is one); {@link javafx.scene.input.Dragboard} too. FX thread. */
    public static DroppedContent of(Clipboard board) {
        List<Path> files = board.hasFiles() ? board.getFiles().stream().map(File::toPath).toList() : List.of();
        return new DroppedContent(files, board.hasUrl() ? board.getUrl() : null,
                board.hasContent(DataFormat.HTML) ? board.getHtml() : null,
                board.hasString() ? board.getString() : null);
    }

    /** Whether any of it could become a list: what a drag over the window is accepted for. */
    public static boolean offeredBy(Clipboard board) {
        return board.hasFiles() || board.hasUrl() || board.hasString() || board.hasContent(DataFormat.HTML);
    }
}
