package io.garrison.ui.lessons;

import io.garrison.testing.Await;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Plays the frame timer's part in tests: ticks until a condition holds, bounded. */
final class Ticks {

    private Ticks() {
    }

    /** Ticks, then checks {@code condition}, until it holds; fails after {@code timeout}. */
    static void until(Runnable tick, BooleanSupplier condition, Duration timeout) {
        Await.await("a lesson's condition, ticking its frames", () -> {
            tick.run();
            return condition.getAsBoolean();
        }, timeout);
    }
}
