package io.garrison.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.garrison.engine.FailureCause;
import io.garrison.engine.PoolEvent;
import io.garrison.engine.WorkerId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a {@code --json} event stream (docs/CLI.md) one line at a time back into {@link PoolEvent}s. Types it
 * does not know are skipped, so a stream from a newer Garrison still draws. The stream says a failed attempt only
 * on the retry's {@code task-started} ({@code retryReason}); the reader gives that back as the
 * {@link PoolEvent.TaskFailed} with {@code willRetry} the engine had emitted, on the worker that ran the attempt,
 * so a picture drawn from a stream shows the same fall as one drawn from the pool.
 *
 * <p>Not thread-safe: one reader per stream, fed its lines in order.
 */
public final class JsonEventReader {

    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Tasks a stream may number: a picture keeps a row for every task up to the highest one named, so one line
     * naming task 2,000,000,000 must not make it try to hold two billion.
     */
    public static final int MAX_TASKS = 1 << 24;

    /** The worker that ran each task's latest attempt, until the task's final event. */
    private final Map<Integer, WorkerId> runners = new HashMap<>();
    private long lineNumber;
    private long skipped;

    /**
     * The events one line holds: none for a blank line or a type this reader does not know, two for a retry.
     *
     * @throws BadEventLine if the line is not a JSON object with a {@code type}, or lacks a field its type needs
     */
    public List<PoolEvent> read(String line) throws BadEventLine {
        lineNumber++;
        if (line.isBlank()) {
            return List.of();
        }
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new BadEventLine(lineNumber, "not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject() || !node.path("type").isTextual()) {
            throw new BadEventLine(lineNumber, "not an event: a JSON object with a \"type\" is expected");
        }
        return switch (node.get("type").asText()) {
            case "worker-started" -> List.of(new PoolEvent.WorkerStarted(stamp(node), number(node, "pid"),
                    node.path("startupMs").asLong(0), host(node)));
            case "worker-exited" -> List.of(new PoolEvent.WorkerExited(stamp(node), number(node, "pid"),
                    node.path("exitCode").asInt(0), node.path("expected").asBoolean(true),
                    node.path("reason").asText(""), host(node)));
            case "task-started" -> taskStarted(node);
            case "task-progress" -> List.of(new PoolEvent.TaskProgress(stamp(node), task(node),
                    node.path("line").asInt(0), node.path("pid").asLong(0), node.path("done").asLong(0),
                    node.path("total").asLong(-1), host(node)));
            case "task-succeeded" -> {
                int task = task(node);
                runners.remove(task);
                yield List.of(new PoolEvent.TaskSucceeded(stamp(node), task, node.path("line").asInt(0),
                        node.path("input").asText(""), node.path("pid").asLong(0), node.path("result").asText(""),
                        node.path("elapsedMs").asLong(0), node.path("output").asText(""), host(node),
                        node.path("alreadyThere").asBoolean(false)));
            }
            case "task-failed" -> {
                int task = task(node);
                runners.remove(task);
                int attempt = node.path("attempt").asInt(0);
                long pid = node.path("pid").asLong(0);
                yield List.of(new PoolEvent.TaskFailed(stamp(node), task, node.path("line").asInt(0),
                        node.path("input").asText(""), pid, node.path("error").asText(""),
                        node.path("exitValue").asInt(0), node.path("elapsedMs").asLong(0), attempt, false,
                        node.path("output").asText(""), cause(node.path("cause"), attempt, pid), host(node)));
            }
            case "run-finished" -> List.of(new PoolEvent.RunFinished(stamp(node), node.path("total").asInt(0),
                    node.path("succeeded").asInt(0), node.path("failed").asInt(0), node.path("skipped").asInt(0),
                    node.path("elapsedMs").asLong(0)));
            default -> {
                skipped++;
                yield List.of();
            }
        };
    }

    /** Reads {@code line} into {@code sink}: its events, or why it is not one (the stream goes on). */
    public void readInto(String line, EventSink sink) {
        List<PoolEvent> events;
        try {
            events = read(line);
        } catch (BadEventLine bad) {
            sink.badLine(bad);
            return;
        }
        for (PoolEvent event : events) {
            sink.event(event);
        }
    }

    private List<PoolEvent> taskStarted(JsonNode node) throws BadEventLine {
        int task = task(node);
        long stamp = stamp(node);
        int line = node.path("line").asInt(0);
        String input = node.path("input").asText("");
        int attempt = node.path("attempt").asInt(1);
        WorkerId runner = new WorkerId(host(node), number(node, "pid"));
        WorkerId previous = runners.put(task, runner);
        PoolEvent.TaskStarted started = new PoolEvent.TaskStarted(stamp, task, line, input, runner.pid(), attempt,
                runner.host());
        if (attempt <= 1 || !node.has("retryReason")) {
            return List.of(started);
        }
        WorkerId failedOn = previous == null ? new WorkerId(WorkerId.LOCAL, 0) : previous;
        PoolEvent.TaskFailed failedAttempt = new PoolEvent.TaskFailed(stamp, task, line, input, failedOn.pid(),
                node.get("retryReason").asText(""), 0, 0, attempt - 1, true, "",
                cause(node.path("retryCause"), attempt - 1, failedOn.pid()), failedOn.host());
        return List.of(failedAttempt, started);
    }

    /** Lines read so far, blank ones included. */
    public long lines() {
        return lineNumber;
    }

    /** Events of types this reader does not know, skipped so far. */
    public long skippedEvents() {
        return skipped;
    }

    /**
     * The cause the stream names; a stream from before causes were written names none, and then a failure that
     * never reached a worker is taken as not run, any other as the task's own.
     */
    private static FailureCause cause(JsonNode named, int attempt, long pid) {
        if (named.isTextual()) {
            try {
                return FailureCause.valueOf(named.asText().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                // A cause of a newer Garrison: the task's own is the closest this one knows.
                return FailureCause.TASK_ERROR;
            }
        }
        return attempt == 0 && pid == 0 ? FailureCause.NOT_RUN : FailureCause.TASK_ERROR;
    }

    private long stamp(JsonNode node) throws BadEventLine {
        return number(node, "timestampMs");
    }

    private int task(JsonNode node) throws BadEventLine {
        long task = number(node, "task");
        if (task < 0) {
            throw new BadEventLine(lineNumber, "\"task\" is " + task + ": a task is numbered from 0");
        }
        if (task >= MAX_TASKS) {
            throw new BadEventLine(lineNumber, "\"task\" is " + task + ": a stream of more than " + MAX_TASKS
                    + " tasks cannot be drawn");
        }
        return (int) task;
    }

    private static String host(JsonNode node) {
        String host = node.path("host").asText(WorkerId.LOCAL);
        return host.isEmpty() ? WorkerId.LOCAL : host;
    }

    private long number(JsonNode node, String field) throws BadEventLine {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToLong()) {
            throw new BadEventLine(lineNumber, "a " + node.get("type").asText() + " event needs a whole number \""
                    + field + "\"");
        }
        return value.asLong();
    }
}
