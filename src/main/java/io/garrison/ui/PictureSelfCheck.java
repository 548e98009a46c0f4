package io.garrison.ui;

import io.garrison.ui.check.PictureCheck;
import io.garrison.ui.main.MainViewModel;
import java.util.function.Consumer;

/**
 * The self-check at {@code --quit-after}: stops the run, lets the picture settle (at most {@link #SETTLE_MS}), and
 * judges it against the engine's own state. Driven by the window's frames: {@link #frame()} on each.
 *
 * <p>Threading: FX thread.
 */
final class PictureSelfCheck {

    /** The picture is given this long after the run stopped to show everything the engine said. */
    static final long SETTLE_MS = 2000;
    /** Running tasks are given this long to finish after the run is stopped (the recovery demo's take 2.5 s). */
    static final long STOP_MS = 15_000;

    private final MainViewModel model;
    private final Consumer<PictureCheck.Verdict> done;
    private long beganMs;
    private long stoppedMs;
    private boolean asking;
    private boolean finished;

    PictureSelfCheck(MainViewModel model, Consumer<PictureCheck.Verdict> done) {
        this.model = model;
        this.done = done;
    }

    void begin(long nowMs) {
        beganMs = nowMs;
        model.stopRun();
    }

    void frame(long nowMs) {
        if (finished || asking) {
            return;
        }
        if (stoppedMs == 0) {
            if (model.getPhase() == MainViewModel.Phase.RUNNING && nowMs - beganMs < STOP_MS) {
                return;
            }
            stoppedMs = nowMs;
        }
        asking = true;
        model.snapshotPool(snapshot -> {
            asking = false;
            if (finished) {
                return;
            }
            PictureCheck.Verdict verdict = PictureCheck.judge(model.drawnPicture(), model.realPicture(snapshot),
                    model.parade().lag());
            if (verdict.disagreements() == 0 || System.currentTimeMillis() - stoppedMs >= SETTLE_MS) {
                finished = true;
                done.accept(verdict);
            }
        });
    }
}
