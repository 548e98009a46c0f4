package io.garrison.ui.main;

import io.garrison.engine.PoolEvent;
import io.garrison.ui.i18n.I18n;
import io.garrison.ui.log.EventLogModel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import javafx.animation.PauseTransition;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.util.Duration;

/**
 * The web hosts whose downloads wait now, for the status bar: "127.0.0.3:8080 paused 1.0 s: HTTP 429 …", the
 * pause that ends last, and how many more. A pause leaves the words when it ends, not at the next event: a host
 * shown paused after its pause would be a picture that lies. FX thread.
 */
final class HostPauses {

    private record Pause(long untilMs, long pausedMs, int atOnce, String reason) {
    }

    private static final int BRIEF_CHARS = 40;

    private final Map<String, Pause> pauses = new HashMap<>();
    private final ReadOnlyStringWrapper shown = new ReadOnlyStringWrapper(this, "shown", "");
    private final LongSupplier clockMs;
    private final PauseTransition nextEnd = new PauseTransition();

    HostPauses(LongSupplier clockMs) {
        this.clockMs = clockMs;
        nextEnd.setOnFinished(e -> refresh(clockMs.getAsLong()));
        I18n.localeProperty().addListener((obs, old, now) -> refresh(clockMs.getAsLong()));
    }

    void apply(List<PoolEvent> batch) {
        boolean changed = false;
        for (PoolEvent event : batch) {
            if (event instanceof PoolEvent.HostPaused e) {
                pauses.put(e.host(), new Pause(e.timestampMs() + e.pausedMs(), e.pausedMs(), e.atOnce(), e.reason()));
                changed = true;
            }
        }
        if (changed) {
            refresh(clockMs.getAsLong());
        }
    }

    /** The words for the pauses in force at {@code nowMs}, and a wake-up when the next one ends. */
    void refresh(long nowMs) {
        pauses.values().removeIf(pause -> pause.untilMs() <= nowMs);
        Map.Entry<String, Pause> last = null;
        long firstEnd = Long.MAX_VALUE;
        for (Map.Entry<String, Pause> entry : pauses.entrySet()) {
            if (last == null || entry.getValue().untilMs() > last.getValue().untilMs()) {
                last = entry;
            }
            firstEnd = Math.min(firstEnd, entry.getValue().untilMs());
        }
        if (last == null) {
            shown.set("");
            nextEnd.stop();
            return;
        }
        Pause pause = last.getValue();
        String words = EventLogModel.hostPaused(last.getKey(), pause.pausedMs(), pause.atOnce(), brief(pause.reason()));
        shown.set(pauses.size() == 1 ? words : I18n.get("ui.status.hostsPaused", words, pauses.size() - 1));
        nextEnd.stop();
        nextEnd.setDuration(Duration.millis(Math.max(1, firstEnd - nowMs)));
        nextEnd.playFromStart();
    }

    /**
     * The reason as the status bar has room for it: {@code HTTP 429} of {@code HTTP 429 from http://...}; the event
     * log keeps it whole.
     */
    static String brief(String reason) {
        int from = reason.indexOf(" from ");
        String head = from > 0 ? reason.substring(0, from) : reason;
        return head.length() <= BRIEF_CHARS ? head : head.substring(0, BRIEF_CHARS - 1) + "\u2026";
    }

    /** Empty while no host waits. */
    ReadOnlyStringProperty shownProperty() {
        return shown.getReadOnlyProperty();
    }
}
