package io.garrison.ui.event;

import io.garrison.engine.PoolEvent;
import io.garrison.engine.PoolListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javafx.animation.AnimationTimer;

/**
 * The one bridge from the engine to the UI. The engine's event thread only appends to a lock-free queue;
 * once per frame the FX thread drains it and hands the whole batch to the sink. So a run of 1,000 events per
 * second costs 60 small batches, not 1,000 {@code Platform.runLater} calls that would flood the FX queue.
 *
 * <p>When no event waits and nothing on screen moves, the pump stops asking for frames: an idle window then costs
 * no CPU (a running animation timer makes JavaFX render a frame 60 times a second, changed or not). The next
 * event, or {@link #wake()}, starts it again.
 *
 * <p>Threading: {@link #onEvent} from any thread; {@link #drain}, {@link #start}, {@link #stop}, {@link #wake} on
 * the FX thread (tests may call {@link #drain} on their own thread when no timer runs).
 */
public final class FrameEventPump implements PoolListener {

    /** A frame never handles more than this many events, so a huge backlog cannot freeze the window. */
    static final int MAX_EVENTS_PER_FRAME = 50_000;

    private final ConcurrentLinkedQueue<PoolEvent> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final Consumer<List<PoolEvent>> sink;
    private final Runnable onFrame;
    private final BooleanSupplier wantsFrames;
    private final Executor fx;
    /** Set while started and asleep: the next event wakes the timer, once. */
    private final AtomicBoolean asleep = new AtomicBoolean();
    private boolean started;
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            drain();
            onFrame.run();
            if (pending.get() == 0 && !wantsFrames.getAsBoolean()) {
                stop();
                asleep.set(true);
                // An event that came in between was not seen asleep: wake for it now.
                if (pending.get() > 0 && asleep.compareAndSet(true, false)) {
                    start();
                }
            }
        }
    };

    /**
     * @param sink    receives each non-empty batch, in engine order, on the FX thread
     * @param onFrame runs every frame after the drain (animations, sampling), even without events
     */
    public FrameEventPump(Consumer<List<PoolEvent>> sink, Runnable onFrame) {
        this(sink, onFrame, () -> true, Runnable::run);
    }

    /**
     * @param wantsFrames whether anything still moves or is still to come, asked after each frame; false lets the
     *                    pump sleep until the next event or {@link #wake()}
     * @param fx          runs on the FX thread (where the timer is started when an event wakes it)
     */
    public FrameEventPump(Consumer<List<PoolEvent>> sink, Runnable onFrame, BooleanSupplier wantsFrames, Executor fx) {
        this.sink = sink;
        this.onFrame = onFrame;
        this.wantsFrames = wantsFrames;
        this.fx = fx;
    }

    @Override
    public void onEvent(PoolEvent event) {
        queue.add(event);
        pending.incrementAndGet();
        if (asleep.compareAndSet(true, false)) {
            fx.execute(this::resume);
        }
    }

    /** Asks for frames again after something changed that the frames must show. FX thread. */
    public void wake() {
        if (asleep.compareAndSet(true, false)) {
            resume();
        }
    }

    private void resume() {
        if (started) {
            timer.start();
        }
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

    /**
     * Drops the events waiting for the next frame, unseen: a picture cleared for another stream (or drawn again from
     * a replay's start) must not get the old one's news. FX thread. @return how many were dropped
     */
    public int discard() {
        int dropped = 0;
        while (queue.poll() != null) {
            dropped++;
        }
        pending.addAndGet(-dropped);
        return dropped;
    }

    /** Events waiting for the next frame. */
    public int backlog() {
        return pending.get();
    }

    public void start() {
        started = true;
        asleep.set(false);
        timer.start();
    }

    public void stop() {
        started = false;
        timer.stop();
    }

    /** Whether the pump has stopped asking for frames until the next event. */
    public boolean isAsleep() {
        return asleep.get();
    }
}
