package io.garrison.bench;

import io.garrison.task.TaskContext;
import io.garrison.task.TaskKind;
import io.garrison.task.TaskKinds;
import io.garrison.task.TaskOptions;
import java.nio.file.Path;

/**
 * Where a download worker's time goes: runs the download kind in this JVM (start it with the worker's flags
 * and {@code -XX:StartFlightRecording}) over the URLs given, and prints each call's milliseconds. The first
 * call pays for the HTTP client's start-up, which a real worker pays once per process.
 * Usage: DownloadProbe OUTDIR URL...
 */
public final class DownloadProbe {

    private DownloadProbe() {
    }

    public static void main(String[] args) throws Exception {
        TaskKind kind = TaskKinds.require("download");
        TaskOptions options = TaskOptions.builder().outputDir(Path.of(args[0])).build();
        StringBuilder times = new StringBuilder();
        for (int i = 1; i < args.length; i++) {
            long t0 = System.nanoTime();
            kind.execute(args[i], new ProbeContext(i, options));
            times.append((System.nanoTime() - t0) / 1_000_000).append(' ');
        }
        System.out.println("ms per download: " + times);
    }

    private record ProbeContext(int taskNumber, TaskOptions options) implements TaskContext {
        @Override
        public TaskContext withOptions(TaskOptions newOptions) {
            return new ProbeContext(taskNumber, newOptions);
        }

        @Override
        public void progress(long done, long total) {
        }

        @Override
        public void output(byte[] bytes, int offset, int length) {
        }
    }
}
