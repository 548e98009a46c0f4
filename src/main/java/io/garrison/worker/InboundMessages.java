package io.garrison.worker;

import io.garrison.protocol.MessageType;
import io.garrison.protocol.FrameInput;
import io.garrison.protocol.LambdaReference;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/** Decodes what the parent sends on stdin into the records the worker loop handles. */
final class InboundMessages {

    /** A function id and the means to build it; built on the worker loop, where failures can be reported. */
    record Define(int functionId, String kind, Map<String, String> options, byte[] serialized, LambdaReference lambda) {
    }

    /** Tasks to run in order with one function. */
    record Run(int functionId, int firstTaskId, int slotNumber, int[] taskNumbers, Object[] inputs) {
    }

    /** The parent wants a task that was sent ahead back, to run it on a worker that idles. */
    record Recall(int taskId) {
    }

    /** The parent asks how this process is doing. */
    record StatsAsk(int request) {
    }

    /** The parent's sign of life; nothing to do (see {@link ParentSilence}). */
    static final Object PING = new Object();

    /** Tasks per piece of a long RUN message, so the first tasks run while the rest is still being read. */
    private static final int PIECE = 4096;

    private final FrameInput in;
    /** What is left of the RUN message being read in pieces: tasks, the next id, their function and slot. */
    private int runLeft;
    private int runNextId;
    private int runFunctionId;
    private int runSlotNumber;

    InboundMessages(FrameInput in) {
        this.in = in;
    }

    /** The next message, or the next piece of a long RUN message. */
    Object next() throws IOException {
        if (runLeft > 0) {
            return nextPiece();
        }
        byte type = in.readByte();
        switch (type) {
            case MessageType.DEFINE -> {
                int functionId = in.readInt();
                byte how = in.readByte();
                if (how == MessageType.FUNCTION_KIND) {
                    String kind = in.readString();
                    int count = in.readInt();
                    Map<String, String> options = new HashMap<>();
                    for (int i = 0; i < count; i++) {
                        options.put(in.readString(), in.readString());
                    }
                    return new Define(functionId, kind, options, null, null);
                }
                if (how == MessageType.FUNCTION_LAMBDA) {
                    return new Define(functionId, null, Map.of(), null, LambdaReference.readFrom(in));
                }
                return new Define(functionId, null, Map.of(), in.readBytes(), null);
            }
            case MessageType.RUN -> {
                runFunctionId = in.readInt();
                runLeft = in.readInt();
                runNextId = in.readInt();
                runSlotNumber = in.readInt();
                if (runLeft <= 0) {
                    throw new IOException("corrupt frame: a run of " + runLeft + " tasks");
                }
                return nextPiece();
            }
            case MessageType.RECALL -> {
                return new Recall(in.readInt());
            }
            case MessageType.STATS_ASK -> {
                return new StatsAsk(in.readInt());
            }
            case MessageType.PING -> {
                return PING;
            }
            default -> throw new IOException("unknown message type " + type);
        }
    }

    private Run nextPiece() throws IOException {
        int count = Math.min(runLeft, PIECE);
        int[] taskNumbers = new int[count];
        Object[] inputs = new Object[count];
        for (int i = 0; i < count; i++) {
            taskNumbers[i] = in.readInt();
            inputs[i] = in.readValue();
        }
        Run piece = new Run(runFunctionId, runNextId, runSlotNumber, taskNumbers, inputs);
        runLeft -= count;
        runNextId += count;
        return piece;
    }
}
