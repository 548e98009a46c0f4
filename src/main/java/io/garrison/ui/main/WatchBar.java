package io.garrison.ui.main;

import io.garrison.stream.ReplayClock;
import io.garrison.ui.i18n.I18n;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.util.StringConverter;

/**
 * The bar that stands in for the toolbar while the window draws a stream: what is watched, the replay's controls
 * (play and pause, a seek bar with the time, the speed) for a saved stream, why the pool's own controls are missing
 * where the source cannot do them, and the way back to the window's own pool. FX thread.
 */
final class WatchBar extends FlowPane {

    final ToggleButton play = new ToggleButton();
    final Slider seek = new Slider(0, 1, 0);
    final ComboBox<Double> speed = new ComboBox<>();
    final Label title = new Label();
    final Label time = new Label();
    final Label note = new Label();
    final Button stop = new Button();
    /** Set while the bar itself moves the knob, so the move is not taken for the user's seek. */
    private boolean following;

    WatchBar(MainViewModel model) {
        getStyleClass().addAll("tool-bar", "garrison-toolbar", "watch-bar");
        setId("watchBar");
        title.setId("watchTitle");
        title.getStyleClass().add("watch-title");
        model.watchedProperty().addListener((obs, old, now) -> showSource(model));
        model.watchEndedProperty().addListener((obs, old, now) -> showSource(model));
        I18n.localeProperty().addListener((obs, old, now) -> showSource(model));

        play.setId("replayPlay");
        play.textProperty().bind(Bindings.when(model.replayPlayingProperty())
                .then(I18n.text("ui.watch.pause")).otherwise(I18n.text("ui.watch.play")));
        play.setOnAction(e -> {
            if (model.replayPlayingProperty().get()) {
                model.pauseReplay();
            } else {
                model.playReplay();
            }
            play.setSelected(model.replayPlayingProperty().get());
        });
        model.replayPlayingProperty().addListener((obs, old, now) -> play.setSelected(now));

        seek.setId("replaySeek");
        seek.setPrefWidth(260);
        seek.valueProperty().addListener((obs, old, now) -> {
            if (!following && (seek.isValueChanging() || seek.isPressed() || seek.isFocused())) {
                model.seekReplay(Math.round(now.doubleValue()));
            }
        });
        seek.valueChangingProperty().addListener((obs, was, changing) -> {
            if (!changing) {
                model.seekReplay(Math.round(seek.getValue()));
            }
        });
        model.replayAtMsProperty().addListener((obs, old, now) -> {
            if (!seek.isValueChanging() && !seek.isPressed()) {
                following = true;
                seek.setValue(now.doubleValue());
                following = false;
            }
            time.setText(clock(now.longValue()) + " / " + clock(model.replayLengthMs()));
        });
        time.setId("replayTime");
        time.setMinWidth(90);

        speed.setId("replaySpeed");
        for (double times : ReplayClock.SPEEDS) {
            speed.getItems().add(times);
        }
        speed.setConverter(new StringConverter<>() {
            @Override
            public String toString(Double times) {
                return times == null ? "" : String.format(Locale.ROOT, "%.0f\u00d7", times);
            }

            @Override
            public Double fromString(String text) {
                return Double.valueOf(text.replace("\u00d7", "").trim());
            }
        });
        speed.setValue(1.0);
        speed.valueProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.setReplaySpeed(now);
            }
        });
        Label speedLabel = new Label();
        speedLabel.textProperty().bind(I18n.text("ui.watch.speed"));

        note.setId("watchNote");
        note.getStyleClass().add("watch-note");
        note.textProperty().bind(model.watchNoteProperty());
        note.visibleProperty().bind(model.watchNoteProperty().isNotEmpty());
        note.managedProperty().bind(note.visibleProperty());
        note.setWrapText(true);
        note.setMaxWidth(540);

        stop.setId("stopWatching");
        stop.textProperty().bind(I18n.text("ui.watch.stop"));
        stop.setOnAction(e -> model.stopWatching());
        Tooltip stopTip = new Tooltip();
        stopTip.textProperty().bind(I18n.text("ui.watch.stop.tip"));
        stop.setTooltip(stopTip);

        HBox replayControls = ToolbarView.group(play, seek, time, speedLabel, speed);
        BooleanBinding replay = Bindings.createBooleanBinding(model::isReplay, model.watchedProperty());
        replayControls.visibleProperty().bind(replay);
        replayControls.managedProperty().bind(replay);
        getChildren().addAll(ToolbarView.group(title), replayControls, ToolbarView.group(note), ToolbarView.group(stop));
        showSource(model);
    }

    private void showSource(MainViewModel model) {
        if (!model.isWatching()) {
            return;
        }
        String state = I18n.get(model.watchEndedProperty().get() ? "ui.watch.state.ended"
                : model.isReplay() ? "ui.watch.state.replay" : "ui.watch.state.live");
        title.setText(I18n.get("ui.watch.title", model.watchedName(), state));
        seek.setMax(Math.max(1, model.replayLengthMs()));
        speed.setValue(model.replaySpeed());
        time.setText(clock(model.replayAtMsProperty().get()) + " / " + clock(model.replayLengthMs()));
    }

    /** Minutes and seconds, as a player shows them. */
    static String clock(long ms) {
        long seconds = Math.max(0, ms) / 1000;
        return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
