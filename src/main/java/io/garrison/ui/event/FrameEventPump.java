package io.garrison.ui.event;

import io.garrison.engine.PoolEvent;
import io.garrison.engine.PoolListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.animation.AnimationTimer;

/**
 * The one bridge from the engine to the UI. The engine's event thread only appends to a lock-free queue;
 * once per frame the FX thread drains it and hands the whole batch to the sink. So a run of 1,000 events per
 * second costs 60 small batches, not 1,000 {@code Platform.runLater} calls that would flood the FX queue.
 *
 * <p>Threading: {@link #onEvent} from any thread; {@link #drain}, {@link #start}, {@link #stop} on the FX
 * thread (tests may call {@link #drain} on their own thread when no timer runs).
 */
public final class FrameEventPump implements PoolListener {

    /** A frame never handles more than this many events, so a huge backlog cannot freeze the window. */
    static final int MAX_EVENTS_PER_FRAME = 50_000;

    private final ConcurrentLinkedQueue<PoolEvent> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final Consumer<List<PoolEvent>> sink;
    private final Runnable onFrame;
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            drain();
            onFrame.run();
        }
    };

    /**
     * @param sink    receives each non-empty batch, in engine order, on the FX thread
     * @param onFrame runs every frame after the drain (animations, sampling), even without events
     */
    public FrameEventPump(Consumer<List<PoolEvent>> sink, Runnable onFrame) {
        this.sink = sink;
        this.onFrame = onFrame;
    }

    @Override
    public void onEvent(PoolEvent event) {
        queue.add(event);
        pending.incrementAndGet();
    }

    /** Hands queued events to the sink. @return how many */
    public int drain() {
        int count = Math.min(pending.get(), MAX_EVENTS_PER_FRAME);
        if (count == 0) {
            return 0;
        }
        List<PoolEvent> batch = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            PoolEvent event = queue.poll();
            if (event == null) {
                break;
            }
            batch.add(event);
        }
        pending.addAndGet(-batch.size());
        sink.accept(batch);
        return batch.size();
    }

    /** Events waiting for the next frame. */
    public int backlog() {
        return pending.get();
    }

    public void start() {
        timer.start();
    }

    public void stop() {
        timer.stop();
    }
}
