package io.garrison.ui.main;

import io.garrison.ui.i18n.I18n;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The main window on real worker processes, headless, as each TestFX test of it builds, reads and tears it down:
 * the real view model and view, in English, in a scene of the size the test needs, its frames running.
 */
final class MainWindowUnderTest {

    static final long WAIT_SECONDS = 120;

    private final ExecutorService background = BackgroundThreads.create("test-ui-background");
    final MainViewModel model;
    final MainView view;

    /** Builds the window into {@code stage} (not shown yet). FX thread. */
    MainWindowUnderTest(Stage stage, AppPreferences preferences, double width, double height) {
        I18n.setLocale(Locale.ENGLISH);
        model = new MainViewModel(background, Platform::runLater, System::currentTimeMillis);
        view = new MainView(model, preferences);
        Scene scene = new Scene(view, width, height);
        scene.getStylesheets().add(MainWindowUnderTest.class.getResource("/css/garrison.css").toExternalForm());
        // TestFX hands every test the same primary stage: whatever an earlier test made of it (a minimum size, a
        // remembered place) must not make this window another size than the test asked for.
        stage.setMaximized(false);
        stage.setMinWidth(0);
        stage.setMinHeight(0);
        stage.setScene(scene);
        stage.sizeToScene();
        model.pump().start();
    }

    /** Preferences of the tests' own, never the user's. */
    static AppPreferences preferences(String node) {
        return new AppPreferences(Preferences.userRoot().node(node));
    }

    /** Stops the frames, the pool's workers and the background thread. Test thread. */
    void close() throws Exception {
        fx(() -> {
            model.pump().stop();
            return null;
        });
        if (model.pool() != null) {
            model.pool().terminate();
        }
        background.shutdownNow();
    }

    /** Reads or changes FX-owned state on the FX thread. */
    static <T> T fx(Callable<T> action) throws Exception {
        return WaitForAsyncUtils.asyncFx(action).get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    static void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, condition);
    }
}
