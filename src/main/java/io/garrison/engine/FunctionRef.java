package io.garrison.engine;

import io.garrison.protocol.FrameOutput;
import io.garrison.protocol.MessageType;
import io.garrison.task.TaskOptions;
import java.util.Map;

/**
 * A function as the pool knows it: an id that workers cache, and how to define it in a worker (a task kind
 * with options, or serialized bytes). Also keeps a running average of how long its tasks take, which decides
 * whether it pays to send a worker more tasks before it asks.
 */
final class FunctionRef {

    final int id;
    private final String kind;
    private final TaskOptions options;
    private final byte[] serialized;
    /** Exponentially weighted average run time in nanoseconds; negative until a first task finished. */
    private volatile long averageRunNanos = -1;

    private FunctionRef(int id, String kind, TaskOptions options, byte[] serialized) {
        this.id = id;
        this.kind = kind;
        this.options = options;
        this.serialized = serialized;
    }

    static FunctionRef ofKind(int id, String kind, TaskOptions options) {
        return new FunctionRef(id, kind, options, null);
    }

    static FunctionRef ofSerialized(int id, byte[] serialized) {
        return new FunctionRef(id, null, null, serialized);
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
        } else {
            out.writeByte(MessageType.FUNCTION_SERIALIZED);
            out.writeBytes(serialized);
        }
    }

    void recordRunTime(long runNanos) {
        long previous = averageRunNanos;
        averageRunNanos = previous < 0 ? runNanos : previous - (previous >> 3) + (runNanos >> 3);
    }

    /** Tasks under a millisecond: the pipe's round trip would dominate unless tasks are sent ahead. */
    boolean isFast() {
        long average = averageRunNanos;
        return average >= 0 && average < 1_000_000L;
    }
}
