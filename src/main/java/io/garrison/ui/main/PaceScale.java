package io.garrison.ui.main;

/**
 * Where the Pace slider's knob stands for a pace in milliseconds, and back. The scale is logarithmic past its
 * left end: 0 is full speed, then 20 ms to 5 s, each step along the track the same ratio, so that 50-500 ms (where
 * a room can follow a task one card at a time) takes as much of the track as 500 ms-5 s. Paces are rounded to
 * values a teacher can say aloud (35 ms, 140 ms, 1,250 ms). Pure arithmetic: any thread.
 */
final class PaceScale {

    /** The knob's range: the track's left end is full speed, its right end {@link #MAX_MS}. */
    static final double MAX_POSITION = 1000;
    static final double MAX_MS = 5000;
    /** The slowest pace right of full speed; the track's first step. */
    static final double MIN_PACED_MS = 20;

    private static final double RATIO = Math.log(MAX_MS / MIN_PACED_MS);

    private PaceScale() {
    }

    /** The pace at a knob position, rounded; 0 (full speed) at the left end only. */
    static long millisAt(double position) {
        if (position <= 0) {
            return 0;
        }
        double fraction = Math.min(1, position / MAX_POSITION);
        return round(MIN_PACED_MS * Math.exp(RATIO * fraction));
    }

    /** The knob position of a pace; paces between full speed and the first step sit at the first step. */
    static double positionOf(double millis) {
        if (millis <= 0) {
            return 0;
        }
        double bounded = Math.max(MIN_PACED_MS, Math.min(MAX_MS, millis));
        return MAX_POSITION * Math.log(bounded / MIN_PACED_MS) / RATIO;
    }

    /** To 5 ms below 100 ms, 10 ms below 1 s, 50 ms above: finer than the eye can tell at each size. */
    private static long round(double millis) {
        long step = millis < 100 ? 5 : millis < 1000 ? 10 : 50;
        return Math.min((long) MAX_MS, Math.round(millis / step) * step);
    }
}
