package io.garrison.ui.main;

import io.garrison.ui.i18n.I18n;
import javafx.beans.binding.Bindings;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.layout.Region;
import org.controlsfx.control.StatusBar;

/**
 * The status bar (ControlsFX): done / failed / total on the left, then tasks per second, ETA and live
 * workers; its progress bar shows a list loading, then the run's progress.
 */
final class StatusBarView extends StatusBar {

    private static final double PAUSED_MAX_WIDTH = 380;

    StatusBarView(MainViewModel model) {
        getStyleClass().add("garrison-status");
        var board = model.board();
        textProperty().bind(Bindings.createStringBinding(() -> {
            if (!model.problemProperty().get().isEmpty()) {
                return model.problemProperty().get();
            }
            if (model.getPhase() == MainViewModel.Phase.LOADING) {
                return I18n.get("ui.status.loading", model.listNameProperty().get());
            }
            // A stream's tasks are its own, not the list the window last loaded.
            String shown = model.isWatching() ? model.watchedName() : model.listNameProperty().get();
            return I18n.get("ui.status.counts", board.getSucceeded(), board.getFailed(), board.getTotal(),
                    board.invalidProperty().get(), shown);
        }, board.succeededProperty(), board.failedProperty(), board.totalProperty(), board.invalidProperty(),
                model.phaseProperty(), model.problemProperty(), model.listNameProperty(), model.watchedProperty(),
                I18n.localeProperty()));
        progressProperty().bind(Bindings.createDoubleBinding(() -> switch (model.getPhase()) {
            case LOADING -> model.loadProgressProperty().get();
            case RUNNING -> board.getTotal() == 0 ? 0 : board.getFinished() / (double) board.getTotal();
            default -> 0.0;
        }, model.phaseProperty(), model.loadProgressProperty(), board.succeededProperty(), board.failedProperty(),
                board.totalProperty()));

        Label rate = item("status-rate");
        rate.textProperty().bind(Bindings.createStringBinding(() -> I18n.get("ui.status.rate",
                model.throughput().tasksPerSecondProperty().get()),
                model.throughput().tasksPerSecondProperty(), I18n.localeProperty()));
        Label eta = item("status-eta");
        eta.textProperty().bind(Bindings.createStringBinding(() -> {
            long ms = model.throughput().etaMsProperty().get();
            return ms < 0 ? I18n.get("ui.status.eta.unknown") : I18n.get("ui.status.eta", I18n.duration(ms));
        }, model.throughput().etaMsProperty(), I18n.localeProperty()));
        Label workers = item("status-workers");
        workers.textProperty().bind(Bindings.createStringBinding(() -> I18n.get("ui.status.workers",
                model.liveWorkersProperty().get(), model.busyWorkersProperty().get()),
                model.liveWorkersProperty(), model.busyWorkersProperty(), I18n.localeProperty()));
        Label paused = item("status-host-paused");
        // The one item that gives way: a long host name must not push the window past a small screen.
        paused.setMinWidth(0);
        paused.setMaxWidth(PAUSED_MAX_WIDTH);
        paused.textProperty().bind(model.hostPausesProperty());
        paused.visibleProperty().bind(model.hostPausesProperty().isNotEmpty());
        paused.managedProperty().bind(paused.visibleProperty());
        getRightItems().addAll(paused, rate, new Separator(Orientation.VERTICAL), eta,
                new Separator(Orientation.VERTICAL), workers);
    }

    private static Label item(String styleClass) {
        Label label = new Label();
        label.getStyleClass().add(styleClass);
        // Never cut short: the counts on the left give way first (the list's name is what they lose).
        label.setMinWidth(Region.USE_PREF_SIZE);
        return label;
    }

}
