package io.garrison.ui.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.garrison.engine.PoolEvent;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A timeline tab opened after its run ended is drawn, though no frame asks for it any more. */
@ExtendWith(ApplicationExtension.class)
class TimelineViewTest {

    private final TimelineModel model = new TimelineModel();
    private TabPane tabs;
    private TimelineView view;

    @Start
    void start(Stage stage) {
        view = new TimelineView(model);
        tabs = new TabPane(new Tab("tasks", new Region()), new Tab("timeline", view));
        stage.setScene(new Scene(tabs, 600, 300));
        stage.show();
    }

    @Test
    void aTabShownAfterTheRunIsDrawnWithoutAFrameAskingForIt() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> model.apply(List.of(new PoolEvent.WorkerStarted(1_000, 4242, 50),
                new PoolEvent.TaskStarted(1_100, 0, 1, "1", 4242, 1),
                new PoolEvent.TaskSucceeded(1_900, 0, 1, "1", 4242, "1", 800, "")))).get(10, TimeUnit.SECONDS);

        WaitForAsyncUtils.asyncFx(() -> tabs.getSelectionModel().select(1)).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();

        Color corner = WaitForAsyncUtils.asyncFx(() -> {
            Canvas canvas = (Canvas) view.getChildrenUnmodifiable().get(0);
            WritableImage image = canvas.snapshot(null, null);
            return image.getPixelReader().getColor(2, 2);
        }).get(10, TimeUnit.SECONDS);
        assertThat(corner).as("the timeline's background, not an empty canvas").isEqualTo(Color.web("#fafafa"));
    }
}
