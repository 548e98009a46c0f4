package io.garrison.ui;

import io.garrison.python.ScriptLaunch;
import io.garrison.stream.LineEventSource;
import io.garrison.task.ShellWords;
import io.garrison.ui.hosts.HostsFile;
import io.garrison.ui.i18n.I18n;
import io.garrison.ui.main.AppPreferences;
import io.garrison.ui.main.BackgroundThreads;
import io.garrison.ui.main.MainView;
import io.garrison.ui.main.MainViewModel;
import io.garrison.ui.notify.DesktopNotifier;
import io.garrison.ui.notify.DesktopNotifiers;
import io.garrison.ui.settings.UserFolders;
import io.garrison.ui.settings.UserSettings;
import io.garrison.ui.theme.SystemColorScheme;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Dimension2D;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The desktop app: one window on a real process pool. Starts with the tutorial's {@code pool.map} of squares
 * over 1..10 on five workers, loaded and ready. {@code --demo squares} starts it paced so each step can be
 * followed; {@code --screenshot FILE.png} saves a picture mid-run; {@code --quit-after SEC} quits.
 */
public final class GarrisonApp extends Application {

    /** A fresh main window takes up to 1440×900 of its screen; its content is laid out for no less than 800×560. */
    static final WindowPlacement PLACEMENT = new WindowPlacement(new Dimension2D(1440, 900), new Dimension2D(800, 560));
    private static final int[] ICON_SIZES = {16, 32, 48, 64, 128, 256, 512};

    private final ExecutorService background = BackgroundThreads.create("garrison-ui-background");
    private MainViewModel model;
    private AppPreferences preferences;
    private Path defaultOutputFolder;
    private boolean systemPrefersDark;
    private DesktopNotifier notifier = DesktopNotifier.NONE;

    public static void launchDesktop(String[] args) {
        RenderingSettings.apply();
        Application.launch(GarrisonApp.class, args);
    }

    /**
     * What asks the disk or another program, on the launcher's thread before the window is built: the settings file
     * (and the old preferences moved into it), the documents folder, whether the system prefers dark colours.
     */
    @Override
    public void init() {
        preferences = AppPreferences.forUser();
        defaultOutputFolder = UserFolders.defaultOutputFolder();
        systemPrefersDark = SystemColorScheme.prefersDark();
        notifier = DesktopNotifiers.forThisSystem(I18n.get("app.title"), "garrison",
                GarrisonApp.class.getResource("/icons/garrison-64.png"));
    }

    @Override
    public void start(Stage stage) {
        AppArguments arguments = AppArguments.parse(getParameters().getRaw());
        arguments.language().map(Locale::forLanguageTag)
                .or(() -> preferences.locale())
                .ifPresent(I18n::setLocale);
        model = new MainViewModel(background, Platform::runLater, System::currentTimeMillis);
        model.outputDirProperty().set(defaultOutputFolder);
        MainView view = new MainView(model, preferences);
        Scene scene = new Scene(view);
        scene.getStylesheets().add(GarrisonApp.class.getResource("/css/garrison.css").toExternalForm());
        stage.setScene(scene);
        // Before the window shows: the scene is styled once, in its theme.
        view.setSystemPrefersDark(systemPrefersDark);
        view.setDesktopNotifier(notifier);
        if (UserSettings.movedThisStart()) {
            model.log().note(I18n.get("ui.log.settingsMoved", UserSettings.file()));
        }
        preferences.mainWindow(PLACEMENT).place(stage, null);
        view.bindTitle(stage);
        addIcons(stage);
        stage.setOnHidden(e -> {
            // The main window closing ends the app. The Lessons windows are closed first, as their own close
            // button would: that stops their lessons' processes and keeps their bounds.
            for (Window other : List.copyOf(Window.getWindows())) {
                if (other != stage) {
                    other.hide();
                }
            }
            Platform.exit();
        });

        model.pump().start();
        arguments.workers().ifPresent(model.poolSizeProperty()::set);
        // A demo shows this PC's workers wherever it runs: only the user's own pools go to the hosts they named.
        if (arguments.demo().isEmpty()) {
            HostsFile hosts = arguments.hosts().map(HostsFile::new).orElseGet(HostsFile::forUser);
            List<String> ssh = arguments.ssh().map(ShellWords::split).orElse(hosts.ssh());
            model.hostsFileProperty().set(new HostsFile(hosts.path(), ssh));
        }
        if (arguments.watches()) {
            watch(arguments);
        } else if (!arguments.lists().isEmpty()) {
            model.loadFiles(arguments.lists());
        } else {
            model.loadTutorial();
        }
        OpenFilesOnMac.install(model::loadFiles);
        if (!arguments.watches()) {
            model.preparePool();
        }
        arguments.tab().ifPresent(view::showTab);
        DemoDirector director = new DemoDirector(model, view, stage, arguments);
        if (arguments.demo().isPresent()) {
            director.begin(arguments.demo().get());
        } else if (arguments.start()) {
            director.startWhenReady();
        } else if (arguments.quitAfterSeconds().isPresent() || arguments.screenshot().isPresent()) {
            director.watchOnly();
        }
        stage.show();
    }

    /** The stream the command line named, drawn instead of the window's own pool. */
    private void watch(AppArguments arguments) {
        double speed = arguments.speed().orElse(1.0);
        String stream = arguments.watch().orElse("");
        if (!arguments.python().isEmpty()) {
            List<String> script = arguments.python();
            Duration patience = arguments.patienceSeconds()
                    .map(seconds -> Duration.ofMillis(Math.round(Math.max(0, seconds) * 1000)))
                    .orElse(ScriptLaunch.DEFAULT_PATIENCE);
            model.watchPython(Path.of(script.get(0)), script.subList(1, script.size()), patience);
        } else if (arguments.watchPort().isPresent()) {
            model.watchRun(arguments.watchPort().get());
        } else if ("-".equals(stream)) {
            model.watch(I18n.get("ui.watch.stdin"), new LineEventSource(System.in, "garrison-watch-stdin"));
        } else if (!stream.isEmpty()) {
            model.replay(Path.of(stream), speed);
        }
    }

    @Override
    public void stop() {
        preferences.flush();
        notifier.close();
        if (model != null) {
            model.shutdown();
        }
        background.shutdownNow();
    }

    /** Window icons drawn by another hand may or may not be there; the app runs without them. */
    private static void addIcons(Stage stage) {
        for (int size : ICON_SIZES) {
            var url = GarrisonApp.class.getResource("/icons/garrison-" + size + ".png");
            if (url != null) {
                stage.getIcons().add(new Image(url.toExternalForm()));
            }
        }
        var plain = GarrisonApp.class.getResource("/icons/garrison.png");
        if (plain != null) {
            stage.getIcons().add(new Image(plain.toExternalForm()));
        }
    }
}
