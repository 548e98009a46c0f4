package io.garrison.ui.main;

import io.garrison.engine.PoolState;
import io.garrison.task.TaskKinds;
import io.garrison.ui.i18n.I18n;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.IntegerProperty;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;

/**
 * The toolbar: pool size (applied live), task kind and its command template, chunk size, output folder,
 * Load, Start, Pause, Step, Close, Terminate, and the pace slider. Actions that need a window (choosers) are
 * given by {@link MainView}.
 *
 * <p>A flow of three groups (settings, actions, pace), not a {@code ToolBar}: a tool bar hides what does not fit
 * behind its overflow button, and at a projector's 1024 pixels that was the Pace slider. The groups wrap onto a
 * second row instead, each kept whole. FX thread.
 */
final class ToolbarView extends FlowPane {

    /** As the command line allows for --max-per-host, beyond which a limit is no politeness. */
    private static final int MAX_PER_HOST = 64;

    final Spinner<Integer> poolSize = new Spinner<>(MainViewModel.MIN_POOL, MainViewModel.MAX_POOL, 5);
    final ComboBox<String> kind = new ComboBox<>();
    final TextField template = new TextField();
    final Spinner<Integer> chunk = new Spinner<>(0, 100_000, 0);
    final Spinner<Integer> perHost = new Spinner<>(0, MAX_PER_HOST, MainSettings.DEFAULT_MAX_PER_HOST);
    /** What the Workers and Chunk fields refused or changed of what was typed in them. */
    final FieldNote inputNote = new FieldNote();
    final OutputFolderField output;
    final Button load = new Button();
    final Button start = new Button();
    final ToggleButton pause = new ToggleButton();
    final Button step = new Button();
    final Button close = new Button();
    final Button terminate = new Button();
    /** The knob's position, not milliseconds: {@link PaceScale} maps one to the other. */
    final Slider pace = new Slider(0, PaceScale.MAX_POSITION, 0);

    ToolbarView(MainViewModel model, Runnable chooseOutput, Runnable chooseList) {
        getStyleClass().addAll("tool-bar", "garrison-toolbar");
        output = new OutputFolderField(model.outputDirProperty(), chooseOutput);
        followEachOther(model, poolSize, "poolSize", "ui.toolbar.workers", 76, model.poolSizeProperty());

        kind.setId("kind");
        kind.getItems().setAll(TaskKinds.NAMES);
        kind.valueProperty().bindBidirectional(model.kindProperty());
        template.setId("template");
        template.setPrefColumnCount(16);
        template.textProperty().bindBidirectional(model.commandTemplateProperty());
        template.visibleProperty().bind(model.kindProperty().isEqualTo("command"));
        template.managedProperty().bind(template.visibleProperty());
        template.promptTextProperty().bind(I18n.text("ui.toolbar.template.prompt"));

        // Downloads only: how many of one web host's files are fetched at once, changed live.
        followEachOther(model, perHost, "perHost", "ui.toolbar.perHost", 70, model.maxPerHostProperty());
        Label perHostLabel = label("ui.toolbar.perHost");
        for (Node part : List.of(perHost, perHostLabel)) {
            part.visibleProperty().bind(model.kindProperty().isEqualTo("download"));
            part.managedProperty().bind(part.visibleProperty());
        }
        chunk.setId("chunk");
        chunk.setEditable(true);
        WholeNumberInput.install(chunk, "ui.toolbar.chunk", text -> tellAboutInput(model, chunk, text));
        chunk.setPrefWidth(86);
        SpinnerValueFactory<Integer> chunks = chunk.getValueFactory();
        chunks.setValue(model.chunkSizeProperty().get());
        chunk.valueProperty().addListener((obs, old, now) -> model.chunkSizeProperty().set(now));

        BooleanBinding running = model.phaseProperty().isEqualTo(MainViewModel.Phase.RUNNING);
        BooleanBinding loading = model.phaseProperty().isEqualTo(MainViewModel.Phase.LOADING);
        load.setId("load");
        load.textProperty().bind(I18n.text("ui.action.load"));
        load.setOnAction(e -> chooseList.run());
        load.disableProperty().bind(running);
        start.setId("start");
        start.getStyleClass().add("start-button");
        start.textProperty().bind(I18n.text("ui.action.start"));
        start.setOnAction(e -> model.start());
        start.disableProperty().bind(running.or(loading).or(model.phaseProperty().isEqualTo(MainViewModel.Phase.EMPTY)));
        pause.setId("pause");
        pause.textProperty().bind(Bindings.when(pause.selectedProperty())
                .then(I18n.text("ui.action.resume")).otherwise(I18n.text("ui.action.pause")));
        pause.selectedProperty().bindBidirectional(model.pausedProperty());
        step.setId("step");
        step.textProperty().bind(I18n.text("ui.action.step"));
        step.setOnAction(e -> model.step());
        // Only a run has tasks to step through; a run going on is paused by the first step (MainViewModel.step).
        step.disableProperty().bind(running.not());
        close.setId("close");
        close.textProperty().bind(I18n.text("ui.action.close"));
        close.setOnAction(e -> model.closePool());
        terminate.setId("terminate");
        terminate.getStyleClass().add("terminate-button");
        terminate.textProperty().bind(I18n.text("ui.action.terminate"));
        terminate.setOnAction(e -> model.terminatePool());
        BooleanBinding noPool = Bindings.createBooleanBinding(
                () -> model.poolStateProperty().get() != PoolState.RUNNING, model.poolStateProperty());
        close.disableProperty().bind(noPool);
        terminate.disableProperty().bind(Bindings.createBooleanBinding(
                () -> model.poolStateProperty().get() == null
                        || model.poolStateProperty().get() == PoolState.TERMINATED,
                model.poolStateProperty()));

        pace.setId("pace");
        pace.setPrefWidth(160);
        pace.setBlockIncrement(PaceScale.MAX_POSITION / 40);
        bindPace(model);
        Label paceValue = new Label();
        paceValue.setId("paceValue");
        paceValue.getStyleClass().add("pace-value");
        paceValue.textProperty().bind(Bindings.createStringBinding(() -> paceText(model.paceMsProperty().get()),
                model.paceMsProperty(), I18n.localeProperty()));
        paceValue.setMinWidth(70);

        // A pool on hosts has the workers its hosts file gives: the number is shown, not offered for editing.
        Label onHosts = new Label();
        onHosts.setId("poolSizeOnHosts");
        onHosts.textProperty().bind(Bindings.createStringBinding(() -> I18n.get("ui.toolbar.workersOnHosts",
                model.liveWorkersProperty().get()), model.liveWorkersProperty(), I18n.localeProperty()));
        onHosts.visibleProperty().bind(model.poolOnHostsProperty());
        onHosts.managedProperty().bind(model.poolOnHostsProperty());
        poolSize.visibleProperty().bind(model.poolOnHostsProperty().not());
        poolSize.managedProperty().bind(model.poolOnHostsProperty().not());
        Tooltip hostsTip = new Tooltip();
        hostsTip.textProperty().bind(I18n.text("ui.toolbar.workersOnHosts.tip"));
        onHosts.setTooltip(hostsTip);

        getChildren().addAll(
                group(label("ui.toolbar.workers"), poolSize, onHosts, label("ui.toolbar.kind"), kind, template,
                        perHostLabel, perHost,
                        label("ui.toolbar.chunk"), chunk),
                group(output),
                group(load, start, pause, step, close, terminate),
                group(label("ui.toolbar.pace"), pace, paceValue));
        tip(poolSize, "ui.toolbar.workers.tip");
        tip(chunk, "ui.toolbar.chunk.tip");
        tip(perHost, "ui.toolbar.perHost.tip");
        tip(pace, "ui.toolbar.pace.tip");
        tip(close, "ui.action.close.tip");
        tip(terminate, "ui.action.terminate.tip");
        tip(pause, "ui.action.pause.tip");
        tip(step, "ui.action.step.tip");
    }

    /** The knob and the model's pace follow each other through the scale; the model's value is whole ms. */
    private void bindPace(MainViewModel model) {
        pace.setValue(PaceScale.positionOf(model.paceMsProperty().get()));
        pace.valueProperty().addListener((obs, old, now) -> {
            long ms = PaceScale.millisAt(now.doubleValue());
            if (ms != Math.round(model.paceMsProperty().get())) {
                model.paceMsProperty().set(ms);
            }
        });
        model.paceMsProperty().addListener((obs, old, now) -> {
            // Only when the pace came from elsewhere (a demo): the knob must not jump under the user's hand.
            if (PaceScale.millisAt(pace.getValue()) != Math.round(now.doubleValue())) {
                pace.setValue(PaceScale.positionOf(now.doubleValue()));
            }
        });
    }

    private static String paceText(double ms) {
        if (ms < 1) {
            return I18n.get("ui.toolbar.pace.full");
        }
        return ms < 1000 ? I18n.get("ui.toolbar.pace.ms", Math.round(ms)) : I18n.get("ui.toolbar.pace.s", ms / 1000);
    }

    /** Controls kept together on one row; the toolbar wraps between groups, never inside one. */
    static HBox group(Node... nodes) {
        HBox group = new HBox(nodes);
        group.getStyleClass().add("toolbar-group");
        group.setAlignment(Pos.CENTER_LEFT);
        return group;
    }

    private void tellAboutInput(MainViewModel model, Spinner<Integer> field, String text) {
        inputNote.show(field, text);
        model.log().note(text);
    }

    /**
     * A whole-number field and a setting that follow each other: typing changes the setting, and a change made
     * elsewhere (a menu, a demo) shows in the field.
     */
    private void followEachOther(MainViewModel model, Spinner<Integer> field, String id, String fieldKey,
                                 double width, IntegerProperty setting) {
        field.setId(id);
        field.setEditable(true);
        WholeNumberInput.install(field, fieldKey, text -> tellAboutInput(model, field, text));
        field.setPrefWidth(width);
        field.getValueFactory().setValue(setting.get());
        field.valueProperty().addListener((obs, old, now) -> setting.set(now));
        setting.addListener((obs, old, now) -> field.getValueFactory().setValue(now.intValue()));
    }

    private static Label label(String key) {
        Label label = new Label();
        label.textProperty().bind(I18n.text(key));
        return label;
    }

    private static void tip(Control control, String key) {
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(I18n.text(key));
        control.setTooltip(tip);
    }
}
