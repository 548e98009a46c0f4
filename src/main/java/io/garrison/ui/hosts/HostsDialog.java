package io.garrison.ui.hosts;

import io.garrison.ui.i18n.I18n;
import java.io.IOException;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.stage.Window;

/**
 * File → Hosts…: edits the hosts file the next pool of the window runs on. Saving is refused while a line is not
 * a login; the editor names the line and why. FX thread.
 */
public final class HostsDialog {

    private HostsDialog() {
    }

    /**
     * Shows the dialog and waits for it; saves the file when OK is pressed.
     *
     * @return whether the file was saved
     */
    public static boolean edit(HostsFile file, Window owner) {
        String current;
        try {
            current = file.text();
        } catch (IOException e) {
            error(owner, I18n.get("ui.hosts.cannotRead", file.path(), e.getMessage()));
            return false;
        }
        HostsEditor editor = new HostsEditor(current, I18n.getLocale());
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.setTitle(I18n.get("ui.hosts.title"));
        dialog.setHeaderText(I18n.get("ui.hosts.header", file.path()));
        dialog.getDialogPane().setContent(editor);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.getDialogPane().getStyleClass().add("hosts-dialog");
        dialog.setResizable(true);
        Node ok = dialog.getDialogPane().lookupButton(ButtonType.OK);
        ok.disableProperty().bind(editor.validProperty().not());
        if (owner != null) {
            dialog.initOwner(owner);
        }
        Optional<ButtonType> answer = dialog.showAndWait();
        if (answer.isEmpty() || answer.get() != ButtonType.OK) {
            return false;
        }
        try {
            file.save(editor.getText());
            return true;
        } catch (IOException e) {
            error(owner, I18n.get("ui.hosts.cannotSave", file.path(), e.getMessage()));
            return false;
        }
    }

    private static void error(Window owner, String text) {
        Alert alert = new Alert(Alert.AlertType.ERROR, text);
        if (owner != null) {
            alert.initOwner(owner);
        }
        alert.showAndWait();
    }
}
