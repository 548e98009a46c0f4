package io.garrison.ui.main;

import static org.assertj.core.api.Assertions.assertThat;

import io.garrison.ui.i18n.I18n;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The badge over the parade tells close() from terminate(), as Python's lesson does: Close (F7) shows the pool
 * finishing its queue, then closed with its workers gone; only Terminate (F8) shows "terminated". Real window, real
 * worker processes, headless.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(300)
class PoolBadgeWindowTest {

    private static final long WAIT_SECONDS = 120;

    private final ExecutorService background = BackgroundThreads.create("test-ui-background");
    private MainViewModel model;

    @Start
    void start(Stage stage) {
        I18n.setLocale(Locale.ENGLISH);
        model = new MainViewModel(background, Platform::runLater, System::currentTimeMillis);
        MainView view = new MainView(model, new AppPreferences(Preferences.userRoot().node("io/garrison/ui-test")));
        Scene scene = new Scene(view, 1200, 740);
        scene.getStylesheets().add(getClass().getResource("/css/garrison.css").toExternalForm());
        stage.setScene(scene);
        model.pump().start();
        model.poolSizeProperty().set(2);
        model.kindProperty().set("sleep");
        model.loadText("sleeps", "600\n".repeat(6));
        model.preparePool();
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        fx(() -> {
            model.pump().stop();
            return null;
        });
        if (model.pool() != null) {
            model.pool().terminate();
        }
        background.shutdownNow();
    }

    @Test
    void closeIsDrawnAsClosedFinishingItsQueueThenClosedWithItsWorkersGoneNeverAsTerminated(FxRobot robot)
            throws Exception {
        waitFor(() -> model.getPhase() == MainViewModel.Phase.READY && model.liveWorkersProperty().get() == 2);
        robot.clickOn("#start");
        waitFor(() -> model.board().runningProperty().get() > 0);

        robot.clickOn("#close");

        waitFor(() -> badge(robot).startsWith("Pool closed \u2014 finishing queued tasks"));
        waitFor(() -> badge(robot).equals("Pool closed \u00b7 workers left"));
        assertThat(fx(() -> model.board().getSucceeded())).as("close() lets the queue finish").isEqualTo(6);
        assertThat(badge(robot)).doesNotContain("terminated");
        assertThat(fx(() -> String.join("\n", model.log().lines()))).doesNotContain("pool terminated");
    }

    @Test
    void terminateIsDrawnAsTerminated(FxRobot robot) throws Exception {
        waitFor(() -> model.getPhase() == MainViewModel.Phase.READY && model.liveWorkersProperty().get() == 2);
        robot.clickOn("#start");
        waitFor(() -> model.board().runningProperty().get() > 0);

        robot.clickOn("#terminate");

        waitFor(() -> badge(robot).startsWith("Pool terminated"));
        assertThat(fx(() -> model.board().getSucceeded())).as("terminate() does not wait for the queue")
                .isLessThan(6);
    }

    private static String badge(FxRobot robot) throws Exception {
        return fx(() -> robot.lookup(".pool-badge").queryAs(Label.class).getText());
    }

    private static <T> T fx(Callable<T> action) throws Exception {
        return WaitForAsyncUtils.asyncFx(action).get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, condition);
    }
}
