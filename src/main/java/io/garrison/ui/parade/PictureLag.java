package io.garrison.ui.parade;

import java.util.Arrays;

/**
 * How far the picture trails the engine: for each engine event, the time from its stamp to the first frame that
 * shows it (a soldier taking the step, a card reaching the tray, the badge changing). Kept as a histogram of
 * whole milliseconds, so a run of millions of events costs a fixed array.
 *
 * <p>Threading: FX thread only.
 */
public final class PictureLag {

    /** Lags at or past this many milliseconds share the last bucket; the maximum is kept exactly. */
    private static final int BUCKETS = 60_000;

    private final int[] counts = new int[BUCKETS];
    private long total;
    private long max;
    private Object worst = "";
    /** How many of the picture's milliseconds pass in one of the viewer's: a replay's speed, else 1. */
    private double clockRate = 1;

    /**
     * The picture runs on a clock {@code rate} times as fast as the viewer's (a replay at that speed): a lag is
     * measured in the viewer's time, how late the picture is for the one watching it.
     */
    public void setClockRate(double rate) {
        if (!(rate > 0)) {
            throw new IllegalArgumentException("clock rate " + rate);
        }
        clockRate = rate;
    }

    /** An event stamped {@code eventMs} is first shown at {@code shownMs}; negative stamps are not measured. */
    void shown(long eventMs, long shownMs, Object what) {
        if (eventMs < 0) {
            return;
        }
        long lag = Math.max(0, Math.round((shownMs - eventMs) / clockRate));
        counts[(int) Math.min(BUCKETS - 1, lag)]++;
        total++;
        if (lag > max) {
            max = lag;
            worst = what;
        }
    }

    /** What showed the event of the {@link #max()} lag (a soldier's step, the tray, the badge), in words. */
    public String worst() {
        return String.valueOf(worst);
    }

    /** The lag that 99% of the events measured stay within, in ms; 0 when none was measured. */
    public long p99() {
        if (total == 0) {
            return 0;
        }
        long wanted = (long) Math.ceil(total * 0.99);
        long seen = 0;
        for (int ms = 0; ms < BUCKETS; ms++) {
            seen += counts[ms];
            if (seen >= wanted) {
                return ms == BUCKETS - 1 ? max : ms;
            }
        }
        return max;
    }

    public long max() {
        return max;
    }

    public void reset() {
        Arrays.fill(counts, 0);
        total = 0;
        max = 0;
        worst = "";
    }
}
