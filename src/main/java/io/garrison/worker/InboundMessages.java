package io.garrison.worker;

import io.garrison.protocol.MessageType;
import io.garrison.protocol.FrameInput;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/** Decodes what the parent sends on stdin into the records the worker loop handles. */
final class InboundMessages {

    /** A function id and the means to build it; built on the worker loop, where failures can be reported. */
    record Define(int functionId, String kind, Map<String, String> options, byte[] serialized) {
    }

    /** Tasks to run in order with one function. */
    record Run(int functionId, int firstTaskId, int[] taskNumbers, Object[] inputs) {
    }

    private InboundMessages() {
    }

    static Object read(FrameInput in) throws IOException {
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
                    return new Define(functionId, kind, options, null);
                }
                return new Define(functionId, null, Map.of(), in.readBytes());
            }
            case MessageType.RUN -> {
                int functionId = in.readInt();
                int count = in.readInt();
                int firstTaskId = in.readInt();
                int[] taskNumbers = new int[count];
                Object[] inputs = new Object[count];
                for (int i = 0; i < count; i++) {
                    taskNumbers[i] = in.readInt();
                    inputs[i] = in.readValue();
                }
                return new Run(functionId, firstTaskId, taskNumbers, inputs);
            }
            default -> throw new IOException("unknown message type " + type);
        }
    }
}
