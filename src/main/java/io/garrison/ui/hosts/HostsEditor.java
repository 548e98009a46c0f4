package io.garrison.ui.hosts;

import io.garrison.engine.SshLogin;
import io.garrison.ui.i18n.I18n;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The hosts file as it is edited: its text, how its lines are read, and each line that is not a login with its
 * number and why, checked as it is typed. FX thread.
 */
public final class HostsEditor extends VBox {

    private final TextArea text = new TextArea();
    private final Label problems = new Label();
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(this, "valid", true);
    private final Locale language;

    public HostsEditor(String initial, Locale language) {
        super(8);
        this.language = language;
        getStyleClass().add("hosts-editor");
        Label help = new Label(I18n.get(language, "ui.hosts.help"));
        help.setWrapText(true);
        text.getStyleClass().add("hosts-text");
        text.setPrefRowCount(10);
        text.setPrefColumnCount(40);
        problems.getStyleClass().add("hosts-problems");
        problems.setWrapText(true);
        VBox.setVgrow(text, Priority.ALWAYS);
        getChildren().addAll(help, text, problems);
        text.textProperty().addListener((obs, old, now) -> check());
        text.setText(initial);
        check();
    }

    /** Whether every line is a login, a comment or blank: only then may the file be saved. */
    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }

    public String getText() {
        return text.getText();
    }

    public void setText(String value) {
        text.setText(value);
    }

    /** What the editor says of the lines that are not logins, one a line; empty when there is none. */
    public String getProblems() {
        return problems.getText();
    }

    private void check() {
        List<SshLogin.BadLine> bad = HostsFile.read(text.getText()).bad();
        valid.set(bad.isEmpty());
        problems.setText(String.join("\n", bad.stream().map(line -> describe(line, language)).toList()));
    }

    /** One bad line in words: its number, what it says and why it is not a login. */
    public static String describe(SshLogin.BadLine line, Locale language) {
        String key = switch (line.problem()) {
            case MALFORMED -> "ui.hosts.problem.malformed";
            case NO_WORKERS -> "ui.hosts.problem.noWorkers";
        };
        return I18n.get(language, key, line.line(), line.text());
    }
}
