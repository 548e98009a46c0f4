package io.garrison.ui.main;

import io.garrison.testing.Await;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Frames drawn by a test in place of the FX timer, for a view model whose executors run at once. */
final class ModelFrames {

    private ModelFrames() {
    }

    /** One frame: the pump's events applied between two frames' work, as the timer would. */
    static void frame(MainViewModel model) {
        model.frame();
        model.pump().drain();
        model.frame();
    }

    /** Draws frames until {@code condition} holds, for at most 90 s. */
    static void until(MainViewModel model, String what, BooleanSupplier condition) {
        Await.await(what, () -> {
            frame(model);
            return condition.getAsBoolean();
        }, Duration.ofSeconds(90));
    }
}
