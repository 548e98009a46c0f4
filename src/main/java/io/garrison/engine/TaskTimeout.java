package io.garrison.engine;

import java.util.Arrays;

/**
 * How long a task may run: a fixed time, none, or (GNU parallel's {@code --timeout 200%}) a share of the median
 * run time of the tasks that succeeded so far, and none until one has. The median is a remedian (Rousseeuw and
 * Bassett, 1990), as parallel's is: buffers of {@value #BASE} values, each full buffer's median going up a
 * level, so a run of any length keeps three small buffers and an update costs a store (and, once per
 * {@value #BASE} successes, a sort of one buffer).
 *
 * <p>Threading: every method is called holding the pool's lock.
 */
final class TaskTimeout {

    private static final int BASE = 999;
    private static final int LEVELS = 3;

    private final long fixedNanos;
    /** The share of the median, 0 when the timeout is fixed or none. */
    private final double shareOfMedian;
    private final long[][] levels = new long[LEVELS][BASE];
    /** Values added to each level so far. */
    private final long[] added = new long[LEVELS];

    private TaskTimeout(long fixedNanos, double shareOfMedian) {
        this.fixedNanos = fixedNanos;
        this.shareOfMedian = shareOfMedian;
    }

    /** From the settings: a share of the median when one is set, else the fixed time (0: none). */
    static TaskTimeout of(PoolSettings settings) {
        return new TaskTimeout(settings.taskTimeoutNanos(), settings.taskTimeoutShareOfMedian());
    }

    /** The timeout now, in nanoseconds; 0 for none (yet). */
    long nanos() {
        if (shareOfMedian == 0) {
            return fixedNanos;
        }
        long median = median();
        return median < 0 ? 0 : Math.max(1, (long) (median * shareOfMedian));
    }

    boolean isShareOfMedian() {
        return shareOfMedian > 0;
    }

    /** A task succeeded after running this long. */
    void succeeded(long runNanos) {
        if (shareOfMedian > 0) {
            add(0, runNanos);
        }
    }

    /** {@code count} tasks succeeded in one batch, each after about {@code runNanosEach}. */
    void succeeded(long runNanosEach, int count) {
        if (shareOfMedian > 0) {
            // A batch's tasks ran alike; a few of them stand for it without skewing the median.
            for (int i = 0; i < Math.min(count, BASE); i++) {
                add(0, runNanosEach);
            }
        }
    }

    private void add(int level, long value) {
        long n = added[level]++;
        levels[level][(int) (n % BASE)] = value;
        // A full buffer's median goes up a level; the top one is a ring of the latest medians, as parallel's is.
        if (level < LEVELS - 1 && added[level] % BASE == 0) {
            add(level + 1, medianOf(levels[level], BASE));
        }
    }

    /** The median of the highest level that holds values; -1 before any success. */
    private long median() {
        for (int level = LEVELS - 1; level >= 0; level--) {
            if (added[level] > 0) {
                long held = level == LEVELS - 1 ? Math.min(added[level], BASE) : added[level] % BASE;
                if (held > 0) {
                    return medianOf(levels[level], (int) held);
                }
            }
        }
        return -1;
    }

    private static long medianOf(long[] values, int count) {
        long[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        return sorted[(count - 1) / 2];
    }
}
