package io.garrison.ui.details;

import io.garrison.ui.i18n.I18n;
import io.garrison.ui.parade.ParadeGround;
import io.garrison.ui.parade.Soldier;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.scene.control.Alert;
import javafx.stage.Window;

/** The "Details" of a soldier: its real process as the OS sees it, from the main window or a lesson's parade. */
public final class WorkerDetailsDialog {

    private WorkerDetailsDialog() {
    }

    /** In the app's language. @param owner the window the dialog belongs to, or null for none */
    public static Alert show(Soldier soldier, Window owner) {
        return show(soldier, owner, I18n.getLocale());
    }

    /**
     * @param owner    the window the dialog belongs to, or null for none
     * @param language the language of its words: the lessons window's own, opened from a lesson's soldier
     * @return the shown dialog
     */
    public static Alert show(Soldier soldier, Window owner, Locale language) {
        String text = WorkerDetails.of(soldier.getId())
                .map(details -> describe(soldier, details, language))
                .orElseGet(() -> I18n.get(language, "ui.details.remote", soldier.getHost(), soldier.getPid(),
                        I18n.get(language, soldier.getState().messageKey()), soldier.getTasksDone(),
                        soldier.getTasksFailed()));
        Alert alert = new Alert(Alert.AlertType.INFORMATION, text);
        // "Worker 4242" here, "Worker lab-pc-07 · 4242" for another host: the title's word already says worker.
        String who = soldier.getId().isLocal() ? Long.toString(soldier.getId().pid()) : soldier.getName();
        alert.setTitle(I18n.get(language, "ui.details.title", who));
        alert.setHeaderText(I18n.get(language, "ui.details.title", who));
        alert.getDialogPane().getStyleClass().add("worker-details");
        if (owner != null) {
            alert.initOwner(owner);
        }
        alert.show();
        return alert;
    }

    private static String describe(Soldier soldier, WorkerDetails details, Locale language) {
        String none = I18n.get(language, "ui.details.unknown");
        return I18n.get(language, "ui.details.text",
                String.valueOf(details.pid()),
                I18n.get(language, soldier.getState().messageKey()),
                soldier.getTasksDone(),
                soldier.getTasksFailed(),
                details.uptime().map(d -> I18n.duration(language, d.toMillis())).orElse(none),
                details.cpuTime().map(d -> I18n.get(language, "ui.unit.seconds", d.toMillis() / 1000.0)).orElse(none),
                details.residentKb().map(kb -> I18n.get(language, "ui.unit.mb", kb / 1024.0)).orElse(none),
                details.command().orElse(none));
    }

    /** What a parade ground's "Details" does: this dialog over the ground's window, in the ground's language. */
    public static Consumer<Soldier> opener(ParadeGround ground) {
        return soldier -> show(soldier, ground.getScene() == null ? null : ground.getScene().getWindow(),
                ground.shownLanguage().getValue());
    }
}
