package io.garrison.engine;

import io.garrison.protocol.FrameOutput;
import io.garrison.protocol.LambdaReference;
import io.garrison.protocol.MessageType;
import io.garrison.task.TaskOptions;
import java.util.Map;

/**
 * A function as the pool knows it: an id that workers cache, and how to define it in a worker (a task kind
 * with options, a lambda's names, or serialized bytes). Also keeps a running average of how long its tasks
 * take, which decides whether it pays to send a worker more tasks before it asks.
 */
final class FunctionRef {

    final int id;
    private final String kind;
    private final TaskOptions options;
    private final byte[] serialized;
    private final LambdaReference lambda;
    /** Exponentially weighted average run time in nanoseconds; negative until a first task finished. */
    private volatile long averageRunNanos = -1;

    private FunctionRef(int id, String kind, TaskOptions options, byte[] serialized, LambdaReference lambda) {
        this.id = id;
        this.kind = kind;
        this.options = options;
        this.serialized = serialized;
        this.lambda = lambda;
    }

    static FunctionRef ofKind(int id, String kind, TaskOptions options) {
        return new FunctionRef(id, kind, options, null, null);
    }

    static FunctionRef ofSerialized(int id, byte[] serialized) {
        return new FunctionRef(id, null, null, serialized, null);
    }

    static FunctionRef ofLambda(int id, LambdaReference lambda) {
        return new FunctionRef(id, null, null, null, lambda);
    }

    void writeDefinition(FrameOutput out) {
        out.writeByte(MessageType.DEFINE);
        out.writeInt(id);
        if (kind != null) {
            out.writeByte(MessageType.FUNCTION_KIND);
            out.writeString(kind);
            Map<String, String> values = options.asMap();
            out.writeInt(values.size());
            for (Map.Entry<String, String> e : values.entrySet()) {
                out.writeString(e.getKey());
                out.writeString(e.getValue());
            }
        } else if (lambda != null) {
            out.writeByte(MessageType.FUNCTION_LAMBDA);
            lambda.writeTo(out);
        } else {
            out.writeByte(MessageType.FUNCTION_SERIALIZED);
            out.writeBytes(serialized);
        }
    }

    /** The task kind's name, or null for a function of the caller's. */
    String kind() {
        return kind;
    }

    /** The output folder its tasks write into, if it is a task kind that has one. */
    java.util.Optional<java.nio.file.Path> outputDir() {
        return options == null ? java.util.Optional.empty()
                : options.get(TaskOptions.OUTPUT_DIR).map(java.nio.file.Path::of);
    }

    void recordRunTime(long runNanos) {
        long previous = averageRunNanos;
        averageRunNanos = previous < 0 ? runNanos : previous - (previous >> 3) + (runNanos >> 3);
    }

    /**
     * How many of this function's tasks a worker should hold, so that it never waits for the round trip
     * through the parent: about 10 ms of work, at least 2 and at most 256. Tasks of 5 ms or more, or of an
     * unknown length, go one at a time, so that none waits behind a busy worker while another one idles.
     */
    int tasksToHold() {
        long average = averageRunNanos;
        if (average < 0 || average >= 5_000_000L) {
            return 1;
        }
        return (int) Math.max(2, Math.min(256, 10_000_000L / Math.max(1, average)));
    }
}
