package io.garrison.ui.main;

import static io.garrison.ui.main.MainWindowUnderTest.fx;
import static io.garrison.ui.main.MainWindowUnderTest.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The badge over the parade tells close() from terminate(), as Python's lesson does: Close (F7) shows the pool
 * finishing its queue, then closed with its workers gone; only Terminate (F8) shows "terminated". Real window, real
 * worker processes, headless.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(300)
class PoolBadgeWindowTest {

    private MainWindowUnderTest window;
    private MainViewModel model;

    @Start
    void start(Stage stage) {
        window = new MainWindowUnderTest(stage, MainWindowUnderTest.preferences("io/garrison/ui-test"), 1200, 740);
        model = window.model;
        model.poolSizeProperty().set(2);
        model.kindProperty().set("sleep");
        model.loadText("sleeps", "600\n".repeat(6));
        model.preparePool();
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        window.close();
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

}
