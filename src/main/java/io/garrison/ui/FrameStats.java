package io.garrison.ui;

import java.util.Arrays;

/** Frame-to-frame times of the running window, to check it stays smooth under load (printed by demos). */
final class FrameStats {

    private long[] gapsNanos = new long[4096];
    private int count;
    private long last;

    private long cpuAtReset;

    /** Starts measuring; call on the FX thread. */
    void reset() {
        count = 0;
        last = 0;
        cpuAtReset = fxCpuNanos();
    }

    // CPU time of the FX thread says what a frame costs even when other programs crowd the cores.
    private static long fxCpuNanos() {
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        return threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : 0;
    }

    void frame(long nowNanos) {
        if (last != 0) {
            if (count == gapsNanos.length) {
                gapsNanos = Arrays.copyOf(gapsNanos, count * 2);
            }
            gapsNanos[count++] = nowNanos - last;
        }
        last = nowNanos;
    }

    /** "frames N, mean, p95 and max frame time in ms, FX-thread CPU per frame"; call on the FX thread. */
    String summary() {
        if (count == 0) {
            return "no frames measured";
        }
        long[] sorted = Arrays.copyOf(gapsNanos, count);
        Arrays.sort(sorted);
        double mean = Arrays.stream(sorted).average().orElse(0) / 1e6;
        double cpuPerFrame = (fxCpuNanos() - cpuAtReset) / 1e6 / count;
        return String.format("frames %d, frame time mean %.1f ms, p95 %.1f ms, max %.1f ms; FX thread CPU %.1f ms/frame",
                count, mean, sorted[(int) (count * 0.95)] / 1e6, sorted[count - 1] / 1e6, cpuPerFrame);
    }
}
