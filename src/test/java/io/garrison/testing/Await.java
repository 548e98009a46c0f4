package io.garrison.testing;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The one way a test waits for something it cannot be told about by an event or a latch (a process's exit as
 * the OS sees it, a file another process writes): it states what it waits for, and fails with that name when
 * the time is up. Tests that can hear an event wait on a latch instead.
 */
public final class Await {

    private static final long FIRST_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long LONGEST_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private Await() {
    }

    /** Returns once {@code condition} holds; fails the test, naming {@code what}, after {@code timeout}. */
    public static void await(String what, BooleanSupplier condition, Duration timeout) {
        await(what, () -> condition.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty(), timeout);
    }

    /** Returns the first value {@code probe} finds; fails the test, naming {@code what}, after {@code timeout}. */
    public static <T> T await(String what, Supplier<Optional<T>> probe, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = FIRST_CHECK_NANOS;
        while (true) {
            Optional<T> found = probe.get();
            if (found.isPresent()) {
                return found.get();
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what);
            }
            try {
                // Checks come quickly at first and then back off, so a fast condition is seen at once and a slow
                // one does not keep a core busy.
                TimeUnit.NANOSECONDS.sleep(Math.min(pause, left));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
            pause = Math.min(pause * 2, LONGEST_CHECK_NANOS);
        }
    }
}
