package io.garrison.ui;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * Frame-to-frame times of the running window, to check it stays smooth under load (printed by demos), with
 * what the frames cost: CPU of the FX thread and of the render thread (a pulse waits for the previous frame's
 * rendering, so both bound the frame rate), and the parent's GC time, which stops both.
 */
final class FrameStats {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private long[] gapsNanos = new long[4096];
    private int count;
    private long last;
    // From construction until reset(): the app watched without a demo run has frames but no reset.
    private long resetNanos = System.nanoTime();
    private long worstGapNanos;
    private long worstEndNanos;

    private long cpuAtReset;
    private long renderThread = -1;
    private long renderCpuAtReset;
    private long gcMsAtReset;

    /** Starts measuring; call on the FX thread. */
    void reset() {
        count = 0;
        last = 0;
        resetNanos = System.nanoTime();
        worstGapNanos = 0;
        cpuAtReset = fxCpuNanos();
        renderThread = findRenderThread();
        renderCpuAtReset = renderCpuNanos();
        gcMsAtReset = gcMillis();
    }

    // CPU time of the FX thread says what a frame costs even when other programs crowd the cores.
    private static long fxCpuNanos() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : 0;
    }

    private static long findRenderThread() {
        if (!THREADS.isThreadCpuTimeSupported()) {
            return -1;
        }
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("QuantumRenderer")) {
                return info.getThreadId();
            }
        }
        return -1;
    }

    private long renderCpuNanos() {
        return renderThread < 0 ? 0 : Math.max(0, THREADS.getThreadCpuTime(renderThread));
    }

    private static long gcMillis() {
        long total = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }

    void frame(long nowNanos) {
        if (last != 0) {
            if (count == gapsNanos.length) {
                gapsNanos = Arrays.copyOf(gapsNanos, count * 2);
            }
            gapsNanos[count++] = nowNanos - last;
            if (nowNanos - last > worstGapNanos) {
                worstGapNanos = nowNanos - last;
                worstEndNanos = nowNanos;
            }
        }
        last = nowNanos;
    }

    /**
     * "frames N, mean, p95 and max frame time in ms, FX-thread CPU per frame", then the render thread's CPU
     * per frame, the GC time, and when the worst frame began (seconds after measuring started: the start of a
     * run, its end and the middle have different causes). Call on the FX thread. Scripts parse the part up to
     * the GC time.
     */
    String summary() {
        if (count == 0) {
            return "no frames measured";
        }
        long[] sorted = Arrays.copyOf(gapsNanos, count);
        Arrays.sort(sorted);
        double mean = Arrays.stream(sorted).average().orElse(0) / 1e6;
        double cpuPerFrame = (fxCpuNanos() - cpuAtReset) / 1e6 / count;
        double renderPerFrame = (renderCpuNanos() - renderCpuAtReset) / 1e6 / count;
        return String.format(java.util.Locale.ROOT, "frames %d, frame time mean %.1f ms, p95 %.1f ms, max %.1f ms; "
                        + "FX thread CPU %.1f ms/frame; render thread CPU %.1f ms/frame; GC %d ms; worst frame at %.1f s",
                count, mean, sorted[(int) (count * 0.95)] / 1e6, sorted[count - 1] / 1e6, cpuPerFrame,
                renderPerFrame, gcMillis() - gcMsAtReset, (worstEndNanos - worstGapNanos - resetNanos) / 1e9);
    }
}
