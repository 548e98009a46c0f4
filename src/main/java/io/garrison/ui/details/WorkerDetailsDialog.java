package io.garrison.ui.details;

import io.garrison.engine.WorkerId;
import io.garrison.engine.WorkerStats;
import io.garrison.ui.i18n.I18n;
import io.garrison.ui.parade.ParadeGround;
import io.garrison.ui.parade.Soldier;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.stage.Window;

/** The "Details" of a soldier: its real process as the OS sees it, from the main window or a lesson's parade. */
public final class WorkerDetailsDialog {

    /** How long a worker on another host has to answer before the dialog says its details are not known. */
    private static final long ANSWER_WITHIN_SECONDS = 5;
    private static final double DIALOG_WIDTH = 620;

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
        return show(soldier, owner, language, null);
    }

    /**
     * @param remote asks a worker on another host how it is doing (the pool's {@code workerStats}), or null
     *               where no pool can be asked; the dialog shows at once and fills in when the answer comes
     */
    public static Alert show(Soldier soldier, Window owner, Locale language, RemoteStats remote) {
        Optional<WorkerDetails> local = WorkerDetails.of(soldier.getId());
        String text = local.map(details -> describe(soldier, details, language))
                .orElseGet(() -> remote != null ? I18n.get(language, "ui.details.asking", soldier.getHost())
                        : unknownRemote(soldier, language));
        Alert alert = new Alert(Alert.AlertType.INFORMATION, text);
        if (local.isEmpty() && remote != null) {
            remote.ask(soldier.getId()).orTimeout(ANSWER_WITHIN_SECONDS, TimeUnit.SECONDS)
                    .whenComplete((stats, failure) -> Platform.runLater(() -> {
                        alert.setContentText(stats != null ? describe(soldier, WorkerDetails.of(stats), language)
                                : unknownRemote(soldier, language));
                        // The dialog was sized for the short words it showed while asking.
                        if (alert.isShowing()) {
                            alert.getDialogPane().getScene().getWindow().sizeToScene();
                        }
                    }));
        }
        // "Worker 4242" here, "Worker lab-pc-07 · 4242" for another host: the title's word already says worker.
        String who = soldier.getId().isLocal() ? Long.toString(soldier.getId().pid()) : soldier.getName();
        alert.setTitle(I18n.get(language, "ui.details.title", who));
        alert.setHeaderText(I18n.get(language, "ui.details.title", who));
        alert.getDialogPane().getStyleClass().add("worker-details");
        // Wide enough for a JVM's path, which no line break can shorten; narrower screens still fit it.
        alert.getDialogPane().setPrefWidth(DIALOG_WIDTH);
        alert.setResizable(true);
        if (owner != null) {
            alert.initOwner(owner);
        }
        alert.show();
        return alert;
    }

    /** Asks the pool how a worker on another host is doing. */
    @FunctionalInterface
    public interface RemoteStats {
        CompletableFuture<WorkerStats> ask(WorkerId worker);
    }

    private static String unknownRemote(Soldier soldier, Locale language) {
        return I18n.get(language, "ui.details.remote", soldier.getHost(), soldier.getPid(),
                I18n.get(language, soldier.getState().messageKey()), soldier.getTasksDone(), soldier.getTasksFailed());
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
        return opener(ground, null);
    }

    /** {@link #opener(ParadeGround)} for a pool that can be asked about its workers on other hosts. */
    public static Consumer<Soldier> opener(ParadeGround ground, RemoteStats remote) {
        return soldier -> show(soldier, ground.getScene() == null ? null : ground.getScene().getWindow(),
                ground.shownLanguage().getValue(), remote);
    }
}
