package io.garrison.ui.lessons;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Plays the frame timer's part in tests: ticks until a condition holds, bounded. */
final class Ticks {

    private Ticks() {
    }

    static void until(Runnable tick, BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        tick.run();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("condition not met within " + timeout);
            }
            Thread.sleep(20);
            tick.run();
        }
    }
}
