package io.garrison.ui.timeline;

import io.garrison.engine.WorkerId;
import io.garrison.ui.i18n.I18n;
import java.util.Map;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * Draws a {@link TimelineModel} on a canvas: lanes labelled with PIDs, time running left to right over the
 * whole run. Bars thinner than a pixel still get one, so a burst of tiny tasks shows as a solid band.
 * Redrawn at most once per frame and only when something changed or a bar is still growing.
 */
public final class TimelineView extends Region {

    private static final double LABEL_WIDTH = 90;
    private static final double AXIS_HEIGHT = 22;
    private static final Color OK = Color.web("#43a047");
    private static final Color FAILED = Color.web("#e53935");
    private static final Color RETRIED = Color.web("#fb8c00");
    private static final Color RUNNING = Color.web("#1e88e5");

    private final TimelineModel model;
    private final Canvas canvas = new Canvas();
    private long drawnVersion = -1;
    private double drawnWidth;
    private double drawnHeight;

    public TimelineView(TimelineModel model) {
        this.model = model;
        getStyleClass().add("timeline-view");
        getChildren().add(canvas);
        // Frames stop when the pool rests: a tab opened after a run is drawn when it is shown, not left blank.
        parentProperty().addListener((obs, old, parent) -> {
            if (parent != null) {
                parent.visibleProperty().addListener((o, was, shown) -> {
                    if (shown) {
                        refresh(System.currentTimeMillis());
                    }
                });
            }
        });
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        refresh(System.currentTimeMillis());
    }

    /** Called once per frame. */
    public void refresh(long nowMs) {
        // A hidden tab costs nothing; it is drawn when shown (its size changes, or on the next change).
        if (getScene() == null || getParent() == null || !getParent().isVisible()) {
            drawnWidth = -1;
            return;
        }
        boolean sizeChanged = drawnWidth != getWidth() || drawnHeight != getHeight();
        if (!sizeChanged && drawnVersion == model.version() && !model.hasRunning()) {
            return;
        }
        drawnVersion = model.version();
        drawnWidth = getWidth();
        drawnHeight = getHeight();
        draw(nowMs);
    }

    private void draw(long nowMs) {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.setFill(Color.web("#fafafa"));
        g.fillRect(0, 0, w, h);
        Map<WorkerId, Integer> lanes = model.lanes();
        if (lanes.isEmpty() || w <= LABEL_WIDTH) {
            g.setFill(Color.GRAY);
            g.setFont(Font.font(13));
            g.setTextAlign(TextAlignment.LEFT);
            g.fillText(I18n.get("ui.timeline.empty"), 12, 24);
            return;
        }
        long start = model.firstMs() == 0 ? nowMs : model.firstMs();
        long end = Math.max(start + 1000, model.hasRunning() ? nowMs : lastEnd(nowMs));
        double plotW = w - LABEL_WIDTH - 10;
        double laneH = Math.max(3, Math.min(26, (h - AXIS_HEIGHT - 4) / lanes.size()));
        double scale = plotW / (end - start);
        g.setFont(Font.font(Math.min(12, laneH)));
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.RIGHT);
        for (Map.Entry<WorkerId, Integer> lane : lanes.entrySet()) {
            double y = AXIS_HEIGHT + lane.getValue() * laneH;
            if (lane.getValue() % 2 == 0) {
                g.setFill(Color.web("#eeeeee"));
                g.fillRect(LABEL_WIDTH, y, plotW, laneH);
            }
            if (laneH >= 8) {
                g.setFill(model.isAlive(lane.getKey()) ? Color.web("#37474f") : Color.web("#b0bec5"));
                WorkerId worker = lane.getKey();
                g.fillText(worker.isLocal() ? Long.toString(worker.pid()) : worker.host() + " \u00b7 " + worker.pid(),
                        LABEL_WIDTH - 6, y + laneH / 2, LABEL_WIDTH - 8);
            }
        }
        for (TimelineModel.Bar bar : model.bars()) {
            Integer lane = lanes.get(bar.worker());
            if (lane == null) {
                continue;
            }
            long barEnd = bar.endMs() == 0 ? nowMs : bar.endMs();
            double x = LABEL_WIDTH + (bar.startMs() - start) * scale;
            double bw = Math.max(1, (barEnd - bar.startMs()) * scale);
            g.setFill(switch (bar.outcome()) {
                case SUCCEEDED -> OK;
                case FAILED -> FAILED;
                case RETRIED -> RETRIED;
                case RUNNING -> RUNNING;
            });
            g.fillRect(x, AXIS_HEIGHT + lane * laneH + 1, bw, Math.max(1, laneH - 2));
        }
        g.setFill(Color.web("#546e7a"));
        g.setTextAlign(TextAlignment.LEFT);
        g.setFont(Font.font(11));
        g.setTextBaseline(VPos.CENTER);
        g.fillText(I18n.get("ui.timeline.axis", (end - start) / 1000.0), LABEL_WIDTH, AXIS_HEIGHT / 2);
    }

    private long lastEnd(long nowMs) {
        long last = 0;
        for (TimelineModel.Bar bar : model.bars()) {
            last = Math.max(last, bar.endMs() == 0 ? nowMs : bar.endMs());
        }
        return last == 0 ? nowMs : last;
    }
}
