package io.garrison.ui.lessons;

import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Hands work from engine and lesson threads to the JavaFX thread. Producers {@link #post} from any thread; the
 * panel's frame timer calls {@link #drain} once per frame on the FX thread (tests call it themselves), so a
 * burst of pool events costs one pass per frame instead of one {@code Platform.runLater} each.
 */
public final class UiQueue {

    private final ConcurrentLinkedQueue<Runnable> pending = new ConcurrentLinkedQueue<>();

    /** Queues {@code update} for the next frame. Any thread. */
    public void post(Runnable update) {
        pending.add(update);
    }

    /** Runs every queued update, oldest first. Call on the thread that owns the UI state (the FX thread). */
    public void drain() {
        // Only what is queued now: updates posted while draining wait for the next frame.
        for (int n = pending.size(); n > 0; n--) {
            Runnable update = pending.poll();
            if (update == null) {
                return;
            }
            update.run();
        }
    }

    /** Whether updates are waiting. */
    public boolean isEmpty() {
        return pending.isEmpty();
    }
}
