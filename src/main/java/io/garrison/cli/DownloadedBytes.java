package io.garrison.cli;

import io.garrison.engine.PoolEvent;
import java.util.HashMap;
import java.util.Map;

/**
 * The bytes a download run has fetched, from the tasks' own progress: the last count of each task, taken as its
 * size when it succeeds (a body continued by Range counts whole, as the file is), and their sum. The event thread
 * only.
 */
final class DownloadedBytes {

    private final Map<Integer, Long> inFlight = new HashMap<>();
    private long total;

    void progress(PoolEvent.TaskProgress progress) {
        inFlight.put(progress.task(), progress.done());
    }

    /** The bytes of a task that succeeded, now counted in the total; -1 when it fetched nothing (already there). */
    long succeeded(int task) {
        Long bytes = inFlight.remove(task);
        if (bytes == null) {
            return -1;
        }
        total += bytes;
        return bytes;
    }

    /** A task that failed for good: its bytes are no file's. */
    void failed(int task) {
        inFlight.remove(task);
    }

    long total() {
        return total;
    }

    /** Bytes per second over {@code elapsedMs}; 0 for no time. */
    static long perSecond(long bytes, long elapsedMs) {
        return elapsedMs <= 0 ? 0 : bytes * 1000 / elapsedMs;
    }
}
