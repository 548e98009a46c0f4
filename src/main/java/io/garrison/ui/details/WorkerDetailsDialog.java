package io.garrison.ui.details;

import io.garrison.ui.i18n.I18n;
import io.garrison.ui.parade.Soldier;
import javafx.scene.control.Alert;
import javafx.stage.Window;

/** The "Details" of a soldier: its real process as the OS sees it, from the main window or a lesson's parade. */
public final class WorkerDetailsDialog {

    private WorkerDetailsDialog() {
    }

    /** @param owner the window the dialog belongs to, or null for none */
    public static void show(Soldier soldier, Window owner) {
        WorkerDetails details = WorkerDetails.of(soldier.getPid());
        String none = I18n.get("ui.details.unknown");
        String text = I18n.get("ui.details.text",
                String.valueOf(details.pid()),
                I18n.get(soldier.getState().messageKey()),
                soldier.getTasksDone(),
                soldier.getTasksFailed(),
                details.uptime().map(d -> I18n.duration(d.toMillis())).orElse(none),
                details.cpuTime().map(d -> I18n.get("ui.unit.seconds", d.toMillis() / 1000.0)).orElse(none),
                details.residentKb().map(kb -> I18n.get("ui.unit.mb", kb / 1024.0)).orElse(none),
                details.command().orElse(none));
        Alert alert = new Alert(Alert.AlertType.INFORMATION, text);
        alert.setTitle(I18n.get("ui.details.title", String.valueOf(soldier.getPid())));
        alert.setHeaderText(I18n.get("ui.details.title", String.valueOf(soldier.getPid())));
        alert.getDialogPane().getStyleClass().add("worker-details");
        if (owner != null) {
            alert.initOwner(owner);
        }
        alert.show();
    }
}
