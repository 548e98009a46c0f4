package io.garrison.ui.log;

import io.garrison.engine.PoolEvent;
import io.garrison.ui.parade.PoolStage;
import io.garrison.ui.i18n.I18n;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The event log: one readable line per engine event, newest last. At 1,000 events a second nobody reads
 * every line, so each frame writes at most {@value #LINES_PER_FRAME} and sums up the rest in one line, and the
 * log keeps the latest {@value #MAX_LINES}. Threading: FX thread only.
 */
public final class EventLogModel {

    static final int LINES_PER_FRAME = 40;
    static final int MAX_LINES = 5_000;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    private final ObservableList<String> lines = FXCollections.observableArrayList();

    public void apply(List<PoolEvent> batch) {
        List<String> fresh = new ArrayList<>(Math.min(batch.size(), LINES_PER_FRAME + 1));
        int skipped = 0;
        for (PoolEvent event : batch) {
            if (event instanceof PoolEvent.TaskProgress) {
                continue;
            }
            if (fresh.size() < LINES_PER_FRAME) {
                fresh.add(TIME.format(Instant.ofEpochMilli(event.timestampMs())) + "  " + describe(event));
            } else {
                skipped++;
            }
        }
        if (skipped > 0) {
            fresh.add(I18n.get("ui.log.more", skipped));
        }
        add(fresh);
    }

    /** Adds a line of the app's own (a list loaded, a file exported). */
    public void note(String text) {
        add(List.of(TIME.format(Instant.now()) + "  " + text));
    }

    private void add(List<String> fresh) {
        if (fresh.isEmpty()) {
            return;
        }
        lines.addAll(fresh);
        if (lines.size() > MAX_LINES) {
            lines.remove(0, lines.size() - MAX_LINES);
        }
    }

    /** One event in words, in the current language. */
    public static String describe(PoolEvent event) {
        if (event instanceof PoolEvent.WorkerStarted e) {
            return I18n.get("ui.log.workerStarted", String.valueOf(e.pid()), e.startupMs());
        } else if (event instanceof PoolEvent.WorkerExited e) {
            return I18n.get(e.expected() ? "ui.log.workerLeft" : "ui.log.workerDied", String.valueOf(e.pid()),
                    e.reason());
        } else if (event instanceof PoolEvent.TaskStarted e) {
            return I18n.get("ui.log.taskStarted", e.task(), e.line(), e.input(), String.valueOf(e.pid()), e.attempt());
        } else if (event instanceof PoolEvent.TaskSucceeded e) {
            return I18n.get("ui.log.taskSucceeded", e.task(), e.input(), e.result(), String.valueOf(e.pid()),
                    e.elapsedMs());
        } else if (event instanceof PoolEvent.TaskFailed e) {
            return I18n.get(e.willRetry() ? "ui.log.taskRetry" : "ui.log.taskFailed", e.task(), e.input(),
                    String.valueOf(e.pid()), e.error());
        } else if (event instanceof PoolEvent.PoolStateChanged e) {
            return I18n.get("ui.log.poolState", I18n.get(PoolStage.of(e.state(), e.terminateCalled()).messageKey()),
                    e.targetSize());
        } else if (event instanceof PoolEvent.RunFinished e) {
            return I18n.get("ui.log.runFinished", e.succeeded(), e.failed(), e.total(), e.elapsedMs() / 1000.0);
        } else if (event instanceof PoolEvent.TaskProgress e) {
            return I18n.get("ui.log.progress", e.task(), e.done(), e.total());
        } else if (event instanceof PoolEvent.HostPaused e) {
            return hostPaused(e.host(), e.pausedMs(), e.atOnce(), e.reason());
        }
        return event.toString();
    }

    /** A web host's pause in words, with {@code reason} as the caller has room for it. */
    public static String hostPaused(String host, long pausedMs, int atOnce, String reason) {
        return I18n.get(atOnce > 0 ? "ui.status.hostPaused" : "ui.status.hostPausedNoLimit", host, pausedMs / 1000.0,
                reason, atOnce);
    }

    public ObservableList<String> lines() {
        return lines;
    }

    public void clear() {
        lines.clear();
    }
}
