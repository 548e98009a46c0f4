package io.garrison.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.garrison.engine.FailureCause;
import io.garrison.engine.PoolEvent;
import io.garrison.engine.WorkerId;
import io.garrison.engine.PoolListener;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the CLI's {@code --json} stream: one object per line, flushed whenever the engine has no more events
 * waiting, so a consumer reacts live without a flush per event at a million tasks. Only the contract's seven
 * types are written; a failed attempt that will be retried is not a {@code task-failed} (the retry shows as
 * a second {@code task-started} with a higher {@code attempt}).
 */
final class JsonEventWriter implements PoolListener {

    private final JsonGenerator json;
    /** Why each task waiting for its next attempt failed the last one. */
    private final Map<Integer, PoolEvent.TaskFailed> failedAttempts = new HashMap<>();
    /** For a download run: the bytes each task and the run fetched; null for other kinds. */
    private final DownloadedBytes bytes;

    JsonEventWriter(OutputStream out) {
        this(out, false);
    }

    /** @param countsBytes whether task-succeeded and run-finished carry the bytes fetched (download runs) */
    JsonEventWriter(OutputStream out, boolean countsBytes) {
        this.bytes = countsBytes ? new DownloadedBytes() : null;
        try {
            this.json = new JsonFactory().createGenerator(out, JsonEncoding.UTF8);
            json.setRootValueSeparator(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void onEvent(PoolEvent event) {
        try {
            write(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void onIdle() {
        try {
            json.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(PoolEvent event) throws IOException {
        if (event instanceof PoolEvent.WorkerStarted e) {
            begin("worker-started", e.timestampMs());
            json.writeNumberField("pid", e.pid());
            json.writeStringField("host", e.host());
            json.writeNumberField("startupMs", e.startupMs());
        } else if (event instanceof PoolEvent.WorkerExited e) {
            begin("worker-exited", e.timestampMs());
            json.writeNumberField("pid", e.pid());
            json.writeStringField("host", e.host());
            json.writeNumberField("exitCode", e.exitCode());
            json.writeBooleanField("expected", e.expected());
            json.writeStringField("reason", e.reason());
        } else if (event instanceof PoolEvent.TaskStarted e) {
            begin("task-started", e.timestampMs());
            task(e.task(), e.line(), e.input(), e.pid(), e.host());
            json.writeNumberField("attempt", e.attempt());
            PoolEvent.TaskFailed failedAttempt = failedAttempts.remove(e.task());
            if (failedAttempt != null) {
                json.writeStringField("retryReason", failedAttempt.error());
                json.writeStringField("retryCause", causeName(failedAttempt.cause()));
            }
        } else if (event instanceof PoolEvent.TaskProgress e) {
            if (bytes != null) {
                bytes.progress(e);
            }
            begin("task-progress", e.timestampMs());
            json.writeNumberField("task", e.task());
            json.writeNumberField("line", e.line());
            json.writeNumberField("pid", e.pid());
            if (!WorkerId.LOCAL.equals(e.host())) {
                json.writeStringField("host", e.host());
            }
            json.writeNumberField("done", e.done());
            json.writeNumberField("total", e.total());
        } else if (event instanceof PoolEvent.TaskSucceeded e) {
            begin("task-succeeded", e.timestampMs());
            task(e.task(), e.line(), e.input(), e.pid(), e.host());
            json.writeStringField("result", e.result());
            json.writeNumberField("elapsedMs", e.elapsedMs());
            if (!e.output().isEmpty()) {
                json.writeStringField("output", e.output());
            }
            if (e.alreadyThere()) {
                json.writeBooleanField("alreadyThere", true);
            }
            long fetched = bytes == null ? -1 : bytes.succeeded(e.task());
            if (fetched >= 0) {
                json.writeNumberField("bytes", fetched);
                json.writeNumberField("bytesPerSecond", DownloadedBytes.perSecond(fetched, e.elapsedMs()));
            }
        } else if (event instanceof PoolEvent.TaskFailed e) {
            if (e.willRetry()) {
                // Said on the retry's task-started: task-failed is only ever final (the contract).
                failedAttempts.put(e.task(), e);
                return;
            }
            if (bytes != null) {
                bytes.failed(e.task());
            }
            begin("task-failed", e.timestampMs());
            task(e.task(), e.line(), e.input(), e.pid(), e.host());
            json.writeStringField("error", e.error());
            json.writeNumberField("exitValue", e.exitValue());
            json.writeNumberField("elapsedMs", e.elapsedMs());
            json.writeNumberField("attempt", e.attempt());
            json.writeStringField("cause", causeName(e.cause()));
            if (!e.output().isEmpty()) {
                json.writeStringField("output", e.output());
            }
        } else if (event instanceof PoolEvent.RunFinished e) {
            begin("run-finished", e.timestampMs());
            json.writeNumberField("total", e.total());
            json.writeNumberField("succeeded", e.succeeded());
            json.writeNumberField("failed", e.failed());
            json.writeNumberField("skipped", e.skipped());
            json.writeNumberField("elapsedMs", e.elapsedMs());
            if (bytes != null) {
                json.writeNumberField("bytes", bytes.total());
                json.writeNumberField("bytesPerSecond", DownloadedBytes.perSecond(bytes.total(), e.elapsedMs()));
            }
        } else {
            return;
        }
        json.writeEndObject();
        json.writeRaw('\n');
    }

    /** A cause as the stream names it, in the words of its types: {@code worker-died}, {@code not-run}. */
    static String causeName(FailureCause cause) {
        return cause.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private void begin(String type, long timestampMs) throws IOException {
        json.writeStartObject();
        json.writeStringField("type", type);
        json.writeNumberField("timestampMs", timestampMs);
    }

    /** A task event names its worker's host only when it is not this machine: most runs are local, and short. */
    private void task(int task, int line, String input, long pid, String host) throws IOException {
        json.writeNumberField("task", task);
        json.writeNumberField("line", line);
        json.writeStringField("input", input);
        json.writeNumberField("pid", pid);
        if (!WorkerId.LOCAL.equals(host)) {
            json.writeStringField("host", host);
        }
    }
}
