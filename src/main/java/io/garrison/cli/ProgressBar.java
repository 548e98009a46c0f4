package io.garrison.cli;

import io.garrison.engine.PoolEvent;
import io.garrison.engine.PoolListener;
import io.garrison.engine.SucceededTasks;
import io.garrison.engine.TaskRun;
import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar on a terminal's stderr: done, failed, total, rate and ETA, redrawn ten times a second.
 * A list still being read shows the tasks read so far as {@code N+}, and no ETA.
 */
final class ProgressBar implements PoolListener {

    private static final int WIDTH = 30;
    private static final long REDRAW_MS = 100;

    private final PrintStream err;
    private volatile Total run;
    private final long startMs = System.currentTimeMillis();
    private int done;
    private int failed;
    private long lastDrawMs;
    /** For a download run: the bytes fetched so far; null for other kinds. */
    private final DownloadedBytes bytes;

    ProgressBar(PrintStream err) {
        this(err, false);
    }

    /** @param countsBytes whether the bar also shows the bytes fetched per second (download runs) */
    ProgressBar(PrintStream err, boolean countsBytes) {
        this.err = err;
        this.bytes = countsBytes ? new DownloadedBytes() : null;
    }

    /** How many tasks there are: those read so far, and whether that is all of them. */
    interface Total {
        int tasksKnown();

        boolean listRead();

        static Total of(TaskRun taskRun) {
            return new Total() {
                @Override
                public int tasksKnown() {
                    return taskRun.tasksKnown();
                }

                @Override
                public boolean listRead() {
                    return taskRun.listRead();
                }
            };
        }
    }

    /** What the bar counts towards; until it is given, the total reads {@code 0+}. */
    void follow(Total total) {
        this.run = total;
    }

    @Override
    public boolean wantsTaskStarts() {
        return false;
    }

    @Override
    public boolean wantsSucceededInputs() {
        return false;
    }

    @Override
    public boolean wantsSucceededRuns() {
        return true;
    }

    @Override
    public void onSucceededRun(SucceededTasks run) {
        done += run.count();
        redrawIfDue();
    }

    @Override
    public void onEvent(PoolEvent event) {
        if (event instanceof PoolEvent.TaskProgress progress && bytes != null) {
            bytes.progress(progress);
        } else if (event instanceof PoolEvent.TaskSucceeded succeeded) {
            done++;
            if (bytes != null) {
                bytes.succeeded(succeeded.task());
            }
        } else if (event instanceof PoolEvent.TaskFailed failure && !failure.willRetry()) {
            done++;
            failed++;
            if (bytes != null) {
                bytes.failed(failure.task());
            }
        } else if (event instanceof PoolEvent.RunFinished) {
            draw(System.currentTimeMillis());
            err.println();
            return;
        }
        redrawIfDue();
    }

    private void redrawIfDue() {
        long now = System.currentTimeMillis();
        if (now - lastDrawMs >= REDRAW_MS) {
            draw(now);
        }
    }

    private void draw(long now) {
        lastDrawMs = now;
        double seconds = Math.max(0.001, (now - startMs) / 1000.0);
        double rate = done / seconds;
        Total followed = run;
        int total = followed == null ? 0 : followed.tasksKnown();
        boolean complete = followed != null && followed.listRead();
        int filled = total == 0 ? (complete ? WIDTH : 0) : (int) ((long) WIDTH * Math.min(done, total) / total);
        String eta = complete && rate > 0 && done < total ? formatDuration((long) ((total - done) / rate)) : "--:--";
        err.print("\r" + CliText.get("cli.progress", "#".repeat(filled) + ".".repeat(WIDTH - filled),
                String.valueOf(done), total + (complete ? "" : "+"), String.valueOf(failed),
                String.format(Locale.ROOT, "%.1f", rate), eta)
                + (bytes == null ? "" : CliText.get("cli.progress.bytes",
                        String.format(Locale.ROOT, "%.1f", bytes.total() / seconds / 1_000_000))));
        err.flush();
    }

    static String formatDuration(long seconds) {
        return seconds >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%02d:%02d", seconds / 60, seconds % 60);
    }
}
