package io.garrison.ui.stats;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.chart.XYChart;

/**
 * Samples, once a second, how many tasks finished (tasks/s) and how many live workers were busy
 * (utilisation), for the chart and for the status bar's rate and ETA. The rate shown is smoothed so the ETA
 * does not jump about. Threading: FX thread only; time is passed in so tests drive it.
 */
public final class ThroughputModel {

    static final long SAMPLE_MS = 1000;
    static final int MAX_POINTS = 600;
    private static final double SMOOTHING = 0.35;

    private final ObservableList<XYChart.Data<Number, Number>> rate = FXCollections.observableArrayList();
    private final ObservableList<XYChart.Data<Number, Number>> utilisation = FXCollections.observableArrayList();
    private final DoubleProperty tasksPerSecond = new SimpleDoubleProperty(this, "tasksPerSecond");
    private final LongProperty etaMs = new SimpleLongProperty(this, "etaMs", -1);
    private long startMs;
    private long lastSampleMs;
    private int lastFinished;
    private double smoothed;
    private double busySum;
    private int busySamples;

    /** Starts a new run at {@code nowMs}. */
    public void reset(long nowMs) {
        rate.clear();
        utilisation.clear();
        startMs = nowMs;
        lastSampleMs = nowMs;
        lastFinished = 0;
        smoothed = 0;
        busySum = 0;
        busySamples = 0;
        tasksPerSecond.set(0);
        etaMs.set(-1);
    }

    /**
     * Called every frame while a run goes on.
     * @param finished tasks finished so far in this run
     * @param remaining tasks not finished yet
     * @param busy     workers running a task now
     * @param live     workers alive now
     */
    public void frame(long nowMs, int finished, int remaining, int busy, int live) {
        if (startMs == 0) {
            reset(nowMs);
        }
        busySum += live == 0 ? 0 : (double) busy / live;
        busySamples++;
        long since = nowMs - lastSampleMs;
        if (since < SAMPLE_MS) {
            return;
        }
        double perSecond = (finished - lastFinished) * 1000.0 / since;
        smoothed = rate.isEmpty() ? perSecond : SMOOTHING * perSecond + (1 - SMOOTHING) * smoothed;
        double seconds = (nowMs - startMs) / 1000.0;
        rate.add(new XYChart.Data<>(seconds, perSecond));
        utilisation.add(new XYChart.Data<>(seconds, 100 * busySum / Math.max(1, busySamples)));
        trim(rate);
        trim(utilisation);
        tasksPerSecond.set(smoothed);
        etaMs.set(smoothed > 0.01 ? (long) (remaining / smoothed * 1000) : -1);
        lastSampleMs = nowMs;
        lastFinished = finished;
        busySum = 0;
        busySamples = 0;
    }

    private static void trim(ObservableList<?> points) {
        if (points.size() > MAX_POINTS) {
            points.remove(0, points.size() - MAX_POINTS);
        }
    }

    /** Tasks finished per second, one point per second of the run (x: seconds since start). */
    public ObservableList<XYChart.Data<Number, Number>> ratePoints() {
        return rate;
    }

    /** Percent of live workers busy, averaged over each second. */
    public ObservableList<XYChart.Data<Number, Number>> utilisationPoints() {
        return utilisation;
    }

    public ReadOnlyDoubleProperty tasksPerSecondProperty() {
        return tasksPerSecond;
    }

    /** Estimated milliseconds left; -1 when unknown. */
    public ReadOnlyLongProperty etaMsProperty() {
        return etaMs;
    }

    /** Ends the run: the ETA no longer applies. */
    public void finish() {
        etaMs.set(-1);
    }
}
