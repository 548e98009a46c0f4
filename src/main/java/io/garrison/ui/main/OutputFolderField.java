package io.garrison.ui.main;

import io.garrison.ui.i18n.I18n;
import java.nio.file.Path;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;

/**
 * Where downloads and the {@code {out}} files of commands go, said in the toolbar: a caption, the folder (its end
 * kept when it must be cut, the whole path in its tooltip), and a button to change it. FX thread.
 */
final class OutputFolderField extends HBox {

    /** The widest the folder is written: about a projector's tenth of the toolbar; its tooltip has the rest. */
    private static final double FOLDER_MAX_WIDTH = 150;

    final Label folder = new Label();
    final Button change = new Button();

    OutputFolderField(ObservableValue<Path> outputDir, Runnable chooseOutput) {
        super(6);
        setId("output");
        getStyleClass().add("output-folder");
        setAlignment(Pos.CENTER_LEFT);
        Label caption = new Label();
        caption.textProperty().bind(I18n.text("ui.toolbar.output"));
        folder.setId("outputFolder");
        folder.getStyleClass().add("output-folder-path");
        folder.textProperty().bind(Bindings.createStringBinding(() -> shown(outputDir.getValue()), outputDir));
        // The end of a path tells folders apart; its start is the same home folder for everyone.
        folder.setTextOverrun(OverrunStyle.LEADING_ELLIPSIS);
        folder.setMaxWidth(FOLDER_MAX_WIDTH);
        folder.setMinWidth(40);
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(Bindings.createStringBinding(() -> I18n.get("ui.toolbar.output.tip",
                outputDir.getValue()), outputDir, I18n.localeProperty()));
        folder.setTooltip(tip);
        caption.setTooltip(tip);
        change.setId("outputChange");
        change.textProperty().bind(I18n.text("ui.toolbar.output.change"));
        Tooltip changeTip = new Tooltip();
        changeTip.textProperty().bind(I18n.text("ui.toolbar.output.change.tip"));
        change.setTooltip(changeTip);
        change.setOnAction(e -> chooseOutput.run());
        getChildren().addAll(caption, folder, change);
    }

    /** The folder as a user reads it: under the home folder as {@code ~/...}. */
    static String shown(Path folder) {
        if (folder == null) {
            return "";
        }
        Path home = Path.of(System.getProperty("user.home"));
        Path absolute = folder.toAbsolutePath();
        return absolute.startsWith(home) && !absolute.equals(home)
                ? "~" + absolute.toString().substring(home.toString().length()) : absolute.toString();
    }
}
