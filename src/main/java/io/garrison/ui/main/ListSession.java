package io.garrison.ui.main;

import io.garrison.task.TaskList;
import io.garrison.ui.i18n.I18n;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The list the main window runs: reads it (a file, pasted text, the tutorial) and reads it again when the task
 * kind changes what a valid line is. FX thread; a file is read on the background executor.
 */
final class ListSession {

    private final MainSettings settings;
    private final MainModels models;
    private final ListLoader loader;
    private final StringProperty listName = new SimpleStringProperty(this, "listName", "");
    private final DoubleProperty loadProgress = new SimpleDoubleProperty(this, "loadProgress", -1);
    private TaskList list;
    private ListSource source;

    ListSession(Executor background, Executor fx, MainSettings settings, MainModels models) {
        this.settings = settings;
        this.models = models;
        this.loader = new ListLoader(background, fx);
        settings.kindProperty().addListener((obs, old, now) -> reparse());
        settings.commandTemplateProperty().addListener((obs, old, now) -> {
            if (settings.isCommand()) {
                reparse();
            }
        });
    }

    /** Loads the tutorial's list: the squares of 1..10. */
    void loadTutorial() {
        settings.kindProperty().set("square");
        String text = IntStream.rangeClosed(1, 10).mapToObj(Integer::toString).collect(Collectors.joining("\n"));
        load(new ListSource.FromText(I18n.get("ui.list.tutorial"), text));
    }

    void loadFile(Path file) {
        load(new ListSource.FromFile(file));
    }

    void loadText(String name, String text) {
        load(new ListSource.FromText(name, text));
    }

    /** Per-frame work: the progress of a file being read. */
    void frame() {
        if (models.phase() == MainViewModel.Phase.LOADING) {
            loadProgress.set(loader.progress());
        }
    }

    private void reparse() {
        MainViewModel.Phase phase = models.phase();
        if (source != null && phase != MainViewModel.Phase.RUNNING && phase != MainViewModel.Phase.LOADING) {
            load(source);
        }
    }

    private void load(ListSource from) {
        if (models.phase() == MainViewModel.Phase.RUNNING) {
            models.problemProperty().set(I18n.get("ui.problem.busy"));
            return;
        }
        models.phaseProperty().set(MainViewModel.Phase.LOADING);
        listName.set(from.name());
        models.problemProperty().set("");
        loadProgress.set(-1);
        loader.load(from, settings.kindProperty().get(), settings.options(), this::loaded, this::loadFailed);
    }

    private void loaded(ListSource from, TaskList parsed) {
        source = from;
        list = parsed;
        models.board().load(parsed);
        models.parade().clearTray();
        models.timeline().reset();
        loadProgress.set(1);
        models.phaseProperty().set(parsed.size() == 0 ? MainViewModel.Phase.EMPTY : MainViewModel.Phase.READY);
        models.log().note(I18n.get("ui.log.loaded", from.name(), parsed.size(), parsed.problems().size()));
    }

    private void loadFailed(ListSource from, Exception e) {
        models.phaseProperty().set(list == null ? MainViewModel.Phase.EMPTY : MainViewModel.Phase.READY);
        loadProgress.set(-1);
        models.reportProblem(I18n.get("ui.problem.load", from.name(), e.getMessage()));
    }

    /** The loaded list, or null. */
    TaskList list() {
        return list;
    }

    StringProperty listNameProperty() {
        return listName;
    }

    /** 0..1 while a file loads; -1 when unknown. */
    DoubleProperty loadProgressProperty() {
        return loadProgress;
    }
}
