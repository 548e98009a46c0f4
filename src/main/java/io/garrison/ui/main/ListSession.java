package io.garrison.ui.main;

import io.garrison.task.TaskList;
import io.garrison.ui.i18n.I18n;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The list the main window runs: reads it (a file, pasted text, the tutorial) and reads it again when the task
 * kind changes what a valid line is. Until the user chooses a kind, the kind follows the list (a list of URLs
 * is for download); a list none of whose lines fit the kind is refused, with the first line's reason, so Start
 * stays off rather than run a list that can only fail. FX thread; a file is read on the background executor.
 */
final class ListSession {

    private final MainSettings settings;
    private final MainModels models;
    private final ListLoader loader;
    private final StringProperty listName = new SimpleStringProperty(this, "listName", "");
    private final DoubleProperty loadProgress = new SimpleDoubleProperty(this, "loadProgress", -1);
    /** How several files became the list (joined, or one input each); empty for a list from one source. */
    private final StringProperty listNote = new SimpleStringProperty(this, "listNote", "");
    /** The list Start runs; null before one loads and while the one shown is refused. */
    private TaskList list;
    private ListSource source;
    /** Told of the files of each list read from files, for File → Open recent. */
    private Consumer<List<Path>> onFilesLoaded = files -> { };
    /** Set while a list sets the kind it is read for, which must not read the list once more. */
    private boolean adoptingKind;

    ListSession(Executor background, Executor fx, MainSettings settings, MainModels models) {
        this.settings = settings;
        this.models = models;
        this.loader = new ListLoader(background, fx);
        settings.kindProperty().addListener((obs, old, now) -> {
            if (!adoptingKind) {
                reparse();
            }
        });
        settings.commandTemplateProperty().addListener((obs, old, now) -> {
            if (settings.isCommand()) {
                reparse();
            }
        });
    }

    /** Loads the tutorial's list: the squares of 1..10. */
    void loadTutorial() {
        adoptKind("square");
        String text = IntStream.rangeClosed(1, 10).mapToObj(Integer::toString).collect(Collectors.joining("\n"));
        load(new ListSource.FromText(I18n.get("ui.list.tutorial"), text));
    }

    void loadFile(Path file) {
        load(new ListSource.FromFile(file));
    }

    /**
     * Several files at once (dropped, or given to the app). For commands, whose inputs are usually files, each file
     * is one input; for every other kind they are lists, read one after another as one list. One file is a list.
     */
    void loadFiles(List<Path> files) {
        if (files.size() == 1) {
            loadFile(files.get(0));
            return;
        }
        String name = I18n.get("ui.list.files", files.get(0).getFileName(), files.size() - 1);
        if (settings.isCommand()) {
            String inputs = files.stream().map(file -> file.toAbsolutePath().toString())
                    .collect(Collectors.joining("\n"));
            load(new ListSource.FromText(name, inputs), I18n.get("ui.list.filesAsInputs", files.size()));
        } else {
            load(new ListSource.FromFiles(name, files), I18n.get("ui.list.filesJoined", files.size()));
        }
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
            load(source, listNote.get());
        }
    }

    private void load(ListSource from) {
        load(from, "");
    }

    private void load(ListSource from, String note) {
        if (models.phase() == MainViewModel.Phase.RUNNING) {
            models.problemProperty().set(I18n.get("ui.problem.busy"));
            return;
        }
        listNote.set(note);
        models.phaseProperty().set(MainViewModel.Phase.LOADING);
        listName.set(from.name());
        models.problemProperty().set("");
        loadProgress.set(-1);
        loader.load(from, settings.kindProperty().get(), !settings.isKindChosen(), settings.options(), this::loaded,
                this::loadFailed);
    }

    private void loaded(ListSource from, ParsedList parsed) {
        if (!parsed.kind().equals(settings.kindProperty().get())) {
            if (settings.isKindChosen()) {
                // The user chose a kind while the list was being read: read it for that kind.
                load(from, listNote.get());
                return;
            }
            adoptKind(parsed.kind());
            models.log().note(I18n.get("ui.log.kindFollowsList", from.name(), parsed.kind()));
        }
        TaskList tasks = parsed.tasks();
        source = from;
        // A refused list is still shown, each line with its reason; choosing the kind it fits reads it again.
        list = parsed.noLineFits() ? null : tasks;
        models.board().load(tasks);
        models.parade().clearTray();
        models.timeline().reset();
        loadProgress.set(1);
        models.phaseProperty().set(list == null || tasks.size() == 0 ? MainViewModel.Phase.EMPTY
                : MainViewModel.Phase.READY);
        models.log().note(I18n.get("ui.log.loaded", from.name(), tasks.size(), tasks.problems().size()));
        if (from instanceof ListSource.FromFile file) {
            onFilesLoaded.accept(List.of(file.file()));
        } else if (from instanceof ListSource.FromFiles files) {
            onFilesLoaded.accept(files.files());
        }
        if (parsed.noLineFits()) {
            models.reportProblem(I18n.get("ui.problem.noLineFits", from.name(), parsed.kind(), parsed.firstProblem()));
        }
    }

    private void adoptKind(String kind) {
        adoptingKind = true;
        try {
            settings.setKindFromList(kind);
        } finally {
            adoptingKind = false;
        }
    }

    private void loadFailed(ListSource from, Exception e) {
        models.phaseProperty().set(list == null ? MainViewModel.Phase.EMPTY : MainViewModel.Phase.READY);
        loadProgress.set(-1);
        models.reportProblem(I18n.get("ui.problem.load", from.name(), e.getMessage()));
    }

    /** The list Start runs; null before one loads and while the one shown is refused. */
    TaskList list() {
        return list;
    }

    StringProperty listNameProperty() {
        return listName;
    }

    void setOnFilesLoaded(Consumer<List<Path>> handler) {
        onFilesLoaded = handler;
    }

    /** How several files became the list, for the window to say; empty for a list from one source. */
    StringProperty listNoteProperty() {
        return listNote;
    }

    /** 0..1 while a file loads; -1 when unknown. */
    DoubleProperty loadProgressProperty() {
        return loadProgress;
    }
}
