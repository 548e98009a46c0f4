package io.garrison.ui.main;

import io.garrison.engine.RunSummary;
import io.garrison.ui.Presentation;
import io.garrison.ui.hosts.HostsDialog;
import io.garrison.ui.hosts.HostsFile;
import io.garrison.ui.i18n.I18n;
import io.garrison.ui.lessons.LessonsWindow;
import io.garrison.ui.log.EventLogView;
import io.garrison.ui.details.WorkerDetailsDialog;
import io.garrison.ui.notify.DesktopNotifier;
import io.garrison.ui.notify.RunEndNotice;
import io.garrison.ui.theme.Theme;
import io.garrison.ui.theme.ThemeStylesheet;
import io.garrison.ui.parade.ParadeBinding;
import io.garrison.ui.parade.ParadeGround;
import io.garrison.ui.stats.ThroughputView;
import io.garrison.ui.tasks.TaskTableView;
import io.garrison.ui.timeline.TimelineView;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import io.garrison.stream.WatchedRun;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;

/**
 * The main window's content: menu and toolbar on top, the parade ground in the middle, tabs (tasks,
 * timeline, throughput, event log) below it, the status bar at the bottom. Builds nodes and binds them to a
 * {@link MainViewModel}; file choosers, dialogs and notifications live here because they need a window.
 */
public final class MainView extends BorderPane {

    /** Where the parade ends and the tabs begin, as a fraction of the height between toolbar and status bar. */
    private static final double NORMAL_DIVIDER = 0.62;
    private static final double PRESENTATION_DIVIDER = 0.74;

    private final MainViewModel model;
    private final AppPreferences preferences;
    private final ParadeGround parade = new ParadeGround();
    private final TaskTableView tasks;
    private final TimelineView timeline;
    private final ListDropHandler drops;
    private final ToolbarView toolbar;
    private final TabPane tabs;
    private final SplitPane split;
    private final Presentation presentation = new Presentation();
    private final DropHighlight dropHighlight = new DropHighlight();
    private String lastNotification = "";
    private final NotificationWarmUp notificationWarmUp;
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(this, "theme", Theme.SYSTEM);
    private boolean systemPrefersDark;
    private RunEndNotice runEndNotice = new RunEndNotice(DesktopNotifier.NONE, () -> true, () -> { });

    public MainView(MainViewModel model, AppPreferences preferences) {
        this.model = model;
        this.preferences = preferences;
        this.drops = new ListDropHandler(model);
        getStyleClass().add("garrison-main");

        parade.setId("parade");
        ParadeBinding.bindTo(parade, model.parade(), model::killWorker, WorkerDetailsDialog.opener(parade, model::workerStats));
        // The queue is the main window's own: the engine's waiting tasks and those soldiers are yet to fetch.
        parade.setQueueCards(model.queueCards());
        parade.queuedCountProperty().bind(model.queuedCountProperty());
        parade.messageProperty().bind(Bindings.createStringBinding(this::paradeMessage, model.phaseProperty(),
                model.listNameProperty(), model.listNoteProperty(), model.poolSizeProperty(),
                model.lastSummaryProperty(),
                model.board().totalProperty(), model.problemProperty(), model.watchedProperty(), model.waitingForLostProperty(),
                I18n.localeProperty()));

        tasks = new TaskTableView(model.board());
        tasks.setId("tasks");
        timeline = new TimelineView(model.timeline());
        EventLogView log = new EventLogView(model.log());
        tabs = new TabPane(
                tab("ui.tab.tasks", tasks),
                tab("ui.tab.timeline", timeline),
                tab("ui.tab.throughput", new ThroughputView(model.throughput())),
                tab("ui.tab.log", log));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("tabs");
        split = new SplitPane(parade, tabs);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(NORMAL_DIVIDER);

        toolbar = new ToolbarView(model, this::chooseOutputFolder, this::chooseListFile);
        WatchBar watchBar = new WatchBar(model);
        BooleanBinding watching = model.watchedProperty().isNotNull();
        watchBar.visibleProperty().bind(watching);
        watchBar.managedProperty().bind(watching);
        toolbar.visibleProperty().bind(watching.not());
        toolbar.managedProperty().bind(watching.not());
        // A soldier of a stream that reaches no pool keeps its Kill -9 in the menu, offered disabled with the reason.
        parade.killRefusalProperty().bind(Bindings.when(watching).then(model.killRefusalProperty()).otherwise(""));
        setTop(new VBox(menuBar(), toolbar, watchBar));
        dropHighlight.follow(this);
        setCenter(new StackPane(split, dropHighlight));
        setBottom(new StatusBarView(model));

        NotificationStylesheet.install(getScene());
        sceneProperty().addListener((obs, old, scene) -> NotificationStylesheet.install(scene));

        setOnDragOver(drops::onDragOver);
        setOnDragDropped(drops::onDragDropped);
        ListPasteShortcut.install(this, () -> drops.paste(Clipboard.getSystemClipboard()));
        model.setOnRunFinished(this::notifyFinished);
        notificationWarmUp = new NotificationWarmUp();
        model.addFrameHook(() -> {
            long now = System.currentTimeMillis();
            tasks.refresh(now);
            timeline.refresh(now);
            log.refresh(now);
        });
        preferences.folder("output").ifPresent(dir -> model.outputDirProperty().set(dir));
        presentation.setOn(preferences.presentation());
        presentation.applyTo(this);
        presentation.onProperty().addListener((obs, old, on) -> showPresentation(on));
        showPresentation(presentation.isOn());

        preferences.theme().flatMap(Theme::ofSetting).ifPresent(theme::set);
        theme.addListener((obs, old, now) -> {
            preferences.saveTheme(now.settingName());
            showTheme();
        });
        sceneProperty().addListener((obs, old, scene) -> showTheme());
        // Several files opened together: the first is put on top last, so the menu lists them in their own order.
        model.setOnListFilesLoaded(files -> {
            for (int i = files.size() - 1; i >= 0; i--) {
                preferences.recentLists().opened(files.get(i));
            }
        });
    }

    /** Draws the window in the theme chosen, or as the system prefers when the choice is the system's. */
    private void showTheme() {
        ThemeStylesheet.apply(getScene(), theme.get().isDark(systemPrefersDark));
    }

    /** Whether the system prefers dark colours, asked by the app before the window shows (it takes a program). */
    public void setSystemPrefersDark(boolean dark) {
        systemPrefersDark = dark;
        showTheme();
    }

    /** View → Theme. */
    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    /**
     * How the end of a run reaches a user looking at another window: the desktop's notifications, with a click
     * bringing this window forward. None until the app gives one (tests give their own).
     */
    public void setDesktopNotifier(DesktopNotifier notifier) {
        runEndNotice = new RunEndNotice(notifier, () -> window() != null && window().isFocused(),
                () -> Platform.runLater(this::bringForward));
    }

    /** The window shown on top and focused, as a click on the desktop's notification asks. */
    private void bringForward() {
        if (window() instanceof Stage stage) {
            stage.setIconified(false);
            stage.show();
            stage.toFront();
            stage.requestFocus();
        }
    }

    /** In presentation mode the parade takes more of the window: the room watches soldiers, not the table. */
    private void showPresentation(boolean on) {
        split.setDividerPositions(on ? PRESENTATION_DIVIDER : NORMAL_DIVIDER);
        preferences.savePresentation(on);
    }

    /** What the parade ground says under the soldiers: the next step for a newcomer, or how the run ended. */
    private String paradeMessage() {
        return switch (model.getPhase()) {
            // A refused list (or one that could not be read) is said where the next step would be.
            case EMPTY -> model.problemProperty().get().isEmpty() ? I18n.get("ui.parade.message.empty")
                    : model.problemProperty().get();
            case LOADING -> I18n.get("ui.status.loading", model.listNameProperty().get());
            case READY -> model.listNoteProperty().get().isEmpty()
                    ? I18n.get("ui.parade.message.ready", model.board().getTotal(), model.plannedWorkers())
                    : I18n.get("ui.parade.message.readyFrom", model.listNoteProperty().get(), model.board().getTotal(),
                            model.plannedWorkers());
            case RUNNING -> model.waitingForLostProperty().get();
            case FINISHED -> model.lastSummaryProperty().get() == null ? "" : I18n.get(model.isWatching()
                            ? "ui.parade.message.streamFinished" : "ui.parade.message.finished",
                    model.lastSummaryProperty().get().succeeded(), model.lastSummaryProperty().get().failed(),
                    model.lastSummaryProperty().get().elapsedMs() / 1000.0);
        };
    }

    private static Tab tab(String key, Node content) {
        Tab tab = new Tab();
        tab.textProperty().bind(I18n.text(key));
        tab.setContent(content);
        return tab;
    }

    private MenuBar menuBar() {
        MenuItem open = item("ui.menu.open", "O", this::chooseListFile);
        Menu recent = menu("ui.menu.recent");
        recent.setId("recentMenu");
        // Filled as it opens, so it shows what this and every other Garrison window opened until now.
        recent.setOnShowing(e -> fillRecent(recent));
        fillRecent(recent);
        MenuItem paste = item("ui.menu.paste", null, () -> drops.paste(Clipboard.getSystemClipboard()));
        paste.setAccelerator(new KeyCodeCombination(KeyCode.V, KeyCombination.SHORTCUT_DOWN));
        MenuItem csv = item("ui.menu.exportCsv", "E", () -> export("csv"));
        MenuItem json = item("ui.menu.exportJson", null, () -> export("json"));
        MenuItem joblog = item("ui.menu.exportJoblog", null, () -> export("tsv"));
        CheckMenuItem csvMark = new CheckMenuItem();
        csvMark.setId("csvByteOrderMarkItem");
        csvMark.textProperty().bind(I18n.text("ui.menu.csvBom"));
        csvMark.setOnAction(e -> preferences.saveCsvByteOrderMark(csvMark.isSelected()));
        MenuItem quit = item("ui.menu.quit", "Q", () -> getScene().getWindow().hide());
        MenuItem watchFile = item("ui.menu.watchFile", "W", this::chooseStreamFile);
        watchFile.setId("watchFileItem");
        Menu watchRun = menu("ui.menu.watchRun");
        watchRun.setId("watchRunMenu");
        // Filled as it opens: runs come and go.
        watchRun.setOnShowing(e -> fillWatchableRuns(watchRun));
        fillWatchableRuns(watchRun);
        MenuItem runPython = item("ui.menu.runPython", null, this::choosePythonScript);
        runPython.setId("runPythonItem");
        Menu file = menu("ui.menu.file", open, recent, paste, new SeparatorMenuItem(), watchFile,
                watchRun, runPython, new SeparatorMenuItem(), csv, json, joblog, csvMark, new SeparatorMenuItem(), quit);
        // Read as the menu opens: until the user chooses, the mark follows the language of the moment.
        file.setOnShowing(e -> csvMark.setSelected(csvByteOrderMark()));

        MenuItem start = item("ui.action.start", null, model::start);
        start.setAccelerator(new KeyCodeCombination(KeyCode.F5));
        CheckMenuItem pause = new CheckMenuItem();
        pause.textProperty().bind(I18n.text("ui.action.pause"));
        pause.selectedProperty().bindBidirectional(model.pausedProperty());
        pause.setAccelerator(new KeyCodeCombination(KeyCode.F6));
        MenuItem step = item("ui.action.step", null, model::step);
        step.setAccelerator(new KeyCodeCombination(KeyCode.F10));
        step.disableProperty().bind(model.phaseProperty().isNotEqualTo(MainViewModel.Phase.RUNNING));
        MenuItem close = item("ui.action.close", null, model::closePool);
        close.setAccelerator(new KeyCodeCombination(KeyCode.F7));
        MenuItem terminate = item("ui.action.terminate", null, model::terminatePool);
        terminate.setAccelerator(new KeyCodeCombination(KeyCode.F8));
        MenuItem more = item("ui.menu.moreWorkers", null,
                () -> model.poolSizeProperty().set(Math.min(MainViewModel.MAX_POOL, model.poolSizeProperty().get() + 1)));
        more.setAccelerator(new KeyCodeCombination(KeyCode.EQUALS, KeyCombination.SHORTCUT_DOWN));
        MenuItem fewer = item("ui.menu.fewerWorkers", null,
                () -> model.poolSizeProperty().set(Math.max(MainViewModel.MIN_POOL, model.poolSizeProperty().get() - 1)));
        fewer.setAccelerator(new KeyCodeCombination(KeyCode.MINUS, KeyCombination.SHORTCUT_DOWN));
        MenuItem hosts = item("ui.menu.hosts", null, this::editHosts);
        hosts.disableProperty().bind(model.hostsFileProperty().isNull());
        MenuItem tutorial = item("ui.menu.tutorial", null, model::loadTutorial);
        Menu run = menu("ui.menu.run", start, pause, step, close, terminate, new SeparatorMenuItem(), more, fewer,
                hosts, new SeparatorMenuItem(), tutorial);
        // The Run menu works the window's own pool; a stream watched has its own bar.
        run.disableProperty().bind(model.watchedProperty().isNotNull());

        ToggleGroup languages = new ToggleGroup();
        Menu language = menu("ui.menu.language");
        for (Locale locale : I18n.SUPPORTED) {
            RadioMenuItem choice = new RadioMenuItem(I18n.get("ui.language." + locale.getLanguage()));
            choice.setToggleGroup(languages);
            choice.setSelected(locale.equals(I18n.getLocale()));
            choice.setOnAction(e -> {
                I18n.setLocale(locale);
                preferences.saveLocale(locale);
            });
            language.getItems().add(choice);
        }
        CheckMenuItem presenting = new CheckMenuItem();
        presenting.setId("presentationItem");
        presenting.textProperty().bind(I18n.text("ui.menu.presentation"));
        presenting.selectedProperty().bindBidirectional(presentation.onProperty());
        presenting.setAccelerator(new KeyCodeCombination(KeyCode.P, KeyCombination.SHORTCUT_DOWN,
                KeyCombination.SHIFT_DOWN));
        Menu themes = menu("ui.menu.theme");
        ToggleGroup themeChoices = new ToggleGroup();
        for (Theme choice : Theme.values()) {
            RadioMenuItem item = new RadioMenuItem();
            item.setId("theme-" + choice.settingName());
            item.textProperty().bind(I18n.text(choice.messageKey()));
            item.setToggleGroup(themeChoices);
            item.setSelected(theme.get() == choice);
            item.setOnAction(e -> theme.set(choice));
            theme.addListener((obs, old, now) -> item.setSelected(now == choice));
            themes.getItems().add(item);
        }
        Menu view = menu("ui.menu.view", presenting, themes);

        // The Lessons window follows the app's presentation mode: a class reads it from the same projector.
        MenuItem openLessons = item("ui.menu.openLessons", "L",
                () -> presentation.applyTo(LessonsWindow.show(window(), I18n.localeProperty()).getScene().getRoot()));
        Menu lessons = menu("ui.menu.lessons", openLessons);
        MenuItem about = item("ui.menu.about", null, this::showAbout);
        Menu help = menu("ui.menu.help", about);
        MenuBar bar = new MenuBar(file, run, view, lessons, language, help);
        bar.setUseSystemMenuBar(true);
        return bar;
    }

    /** File → Watch a saved stream: a {@code --json} file played back from its start. */
    private void chooseStreamFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(I18n.get("ui.watch.chooseFile"));
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter(I18n.get("ui.watch.fileType"), "*.jsonl", "*.json", "*.ndjson"),
                new FileChooser.ExtensionFilter(I18n.get("ui.chooser.all"), "*"));
        java.io.File chosen = chooser.showOpenDialog(window());
        if (chosen != null) {
            model.replay(chosen.toPath(), 1);
        }
    }

    /** File → Watch a running run: this user's runs that serve their events ({@code garrison run --watch-port}). */
    private void fillWatchableRuns(Menu menu) {
        menu.getItems().clear();
        List<WatchedRun> runs = model.watchableRuns();
        if (runs.isEmpty()) {
            MenuItem none = item("ui.menu.watchRun.none", null, () -> { });
            none.setDisable(true);
            menu.getItems().add(none);
            return;
        }
        for (WatchedRun run : runs) {
            MenuItem item = new MenuItem(I18n.get("ui.menu.watchRun.item", run.list(), run.kind(), run.pid(),
                    run.port()));
            item.setMnemonicParsing(false);
            item.setOnAction(e -> model.watchRun(run.port()));
            menu.getItems().add(item);
        }
    }

    /** File → Run a Python script: its own multiprocessing pool drawn as it runs. */
    private void choosePythonScript() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(I18n.get("ui.python.chooseScript"));
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter(I18n.get("ui.python.fileType"), "*.py"),
                new FileChooser.ExtensionFilter(I18n.get("ui.chooser.all"), "*"));
        java.io.File chosen = chooser.showOpenDialog(window());
        if (chosen != null) {
            model.watchPython(chosen.toPath(), List.of());
        }
    }

    /** File → Open recent: the lists opened last, newest first, and a way to forget them. */
    private void fillRecent(Menu recent) {
        recent.getItems().clear();
        List<Path> lists = preferences.recentLists().all();
        if (lists.isEmpty()) {
            MenuItem none = item("ui.menu.recent.none", null, () -> { });
            none.setDisable(true);
            recent.getItems().add(none);
            return;
        }
        for (Path list : lists) {
            MenuItem item = new MenuItem(list.getFileName() + "  \u2014  " + OutputFolderField.shown(list.getParent()));
            item.setMnemonicParsing(false);
            item.setOnAction(e -> model.loadFile(list));
            recent.getItems().add(item);
        }
        recent.getItems().addAll(new SeparatorMenuItem(), item("ui.menu.recent.clear", null,
                () -> preferences.recentLists().clear()));
    }

    /** Run → Hosts…: the next pool the window starts runs on the hosts saved here. */
    private void editHosts() {
        HostsFile file = model.hostsFileProperty().get();
        if (file != null && HostsDialog.edit(file, getScene().getWindow())) {
            model.log().note(I18n.get("ui.hosts.saved", file.path()));
        }
    }

    private static Menu menu(String key, MenuItem... items) {
        Menu menu = new Menu();
        menu.textProperty().bind(I18n.text(key));
        menu.getItems().addAll(items);
        return menu;
    }

    private static MenuItem item(String key, String shortcutLetter, Runnable action) {
        MenuItem item = new MenuItem();
        item.textProperty().bind(I18n.text(key));
        item.setOnAction(e -> action.run());
        if (shortcutLetter != null) {
            item.setAccelerator(KeyCombination.keyCombination("Shortcut+" + shortcutLetter));
        }
        return item;
    }

    // ---------------------------------------------------------------- choosers and dialogs

    private Window window() {
        return getScene() == null ? null : getScene().getWindow();
    }

    private void chooseListFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(I18n.get("ui.chooser.list"));
        preferences.folder("list").ifPresent(dir -> chooser.setInitialDirectory(dir.toFile()));
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter(I18n.get("ui.chooser.text"), "*.txt", "*.list", "*.csv", "*.tsv"),
                new FileChooser.ExtensionFilter(I18n.get("ui.chooser.all"), "*"));
        File file = chooser.showOpenDialog(window());
        if (file != null) {
            preferences.saveFolder("list", file.toPath().getParent());
            model.loadFile(file.toPath());
        }
    }

    private void chooseOutputFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(I18n.get("ui.chooser.output"));
        Path current = model.outputDirProperty().get();
        if (current != null && current.toFile().isDirectory()) {
            chooser.setInitialDirectory(current.toFile());
        }
        File dir = chooser.showDialog(window());
        if (dir != null) {
            model.outputDirProperty().set(dir.toPath());
            preferences.saveFolder("output", dir.toPath());
        }
    }

    private void export(String extension) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(I18n.get("ui.chooser.export." + extension));
        chooser.setInitialFileName("garrison-results." + extension);
        preferences.folder("export").ifPresent(dir -> chooser.setInitialDirectory(dir.toFile()));
        File file = chooser.showSaveDialog(window());
        if (file == null) {
            return;
        }
        preferences.saveFolder("export", file.toPath().getParent());
        try {
            exportTo(extension, file.toPath());
        } catch (IOException e) {
            Alert alert = new Alert(Alert.AlertType.ERROR, I18n.get("ui.problem.export", file, e.getMessage()));
            alert.initOwner(window());
            alert.show();
        }
    }

    /** Whether a CSV export starts with a byte-order mark: the user's choice, else on in Chinese (AppPreferences). */
    private boolean csvByteOrderMark() {
        return preferences.csvByteOrderMark(I18n.getLocale());
    }

    /** Writes results ({@code csv}, {@code json}) or the joblog ({@code tsv}) to {@code file}. */
    public void exportTo(String extension, Path file) throws IOException {
        switch (extension) {
            case "csv" -> model.exportCsv(file, csvByteOrderMark());
            case "json" -> model.exportJson(file);
            default -> model.exportJobLog(file);
        }
    }

    private void showAbout() {
        Alert alert = new Alert(Alert.AlertType.INFORMATION, I18n.get("ui.about.text"));
        alert.setTitle(I18n.get("ui.menu.about"));
        alert.setHeaderText(I18n.get("app.title"));
        alert.initOwner(window());
        alert.show();
    }

    private void notifyFinished(RunSummary summary) {
        lastNotification = I18n.get("ui.notify.text", summary.succeeded(), summary.failed(), summary.total(),
                summary.elapsedMs() / 1000.0);
        if (window() == null || !window().isShowing()) {
            return;
        }
        runEndNotice.runEnded(I18n.get("ui.notify.title"), lastNotification, I18n.get("ui.notify.show"));
        Notifications notification = Notifications.create()
                .owner(window())
                .title(I18n.get("ui.notify.title"))
                .text(lastNotification)
                .hideAfter(Duration.seconds(10));
        // The icons of showWarning() and showInformation(), decoded when the window was built.
        notification.graphic(notificationWarmUp.iconFor(summary.failed() > 0)).show();
    }

    // ---------------------------------------------------------------- for the app and tests

    /** The text of the last end-of-run notification; empty before any. */
    public String getLastNotification() {
        return lastNotification;
    }

    /** Shows one of the bottom tabs: {@code tasks}, {@code timeline}, {@code throughput} or {@code log}. */
    public void showTab(String name) {
        int index = List.of("tasks", "timeline", "throughput", "log").indexOf(name);
        if (index >= 0) {
            tabs.getSelectionModel().select(index);
        }
    }

    /** The app's presentation mode (View → Presentation), for other windows to follow. */
    public Presentation presentation() {
        return presentation;
    }

    public ParadeGround parade() {
        return parade;
    }

    public TaskTableView tasks() {
        return tasks;
    }

    public ListDropHandler drops() {
        return drops;
    }

    /** The layer shown while something that could become a list is dragged over the window. */
    DropHighlight dropHighlight() {
        return dropHighlight;
    }

    /** Binds the window title to the list name and language. */
    public void bindTitle(Stage stage) {
        stage.titleProperty().bind(Bindings.createStringBinding(() -> {
            String shown = model.isWatching() ? model.watchedName() : model.listNameProperty().get();
            return shown.isEmpty() ? I18n.get("app.title") : I18n.get("ui.window.title", shown);
        }, model.listNameProperty(), model.watchedProperty(), I18n.localeProperty()));
    }
}
