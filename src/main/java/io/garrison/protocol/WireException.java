package io.garrison.protocol;

import java.io.IOException;

/**
 * A task's exception on its way from a worker to its parent: the exception serialized when it can be, and beside
 * it its class name, message and stack frames as plain values. From those the parent makes a stand-in when it
 * cannot have the exception itself back: it was not serializable, or its class is not on the parent's class
 * path.
 *
 * <p>Made in the worker without trusting the exception: every method of it that a task may override runs
 * guarded, since a task's exception must never take its worker down.
 */
public final class WireException {

    private static final StackTraceElement[] NO_FRAMES = new StackTraceElement[0];
    private static final byte[] NOT_SERIALIZED = new byte[0];

    private final String className;
    /** Null when the exception has none. */
    private final String message;
    private final StackTraceElement[] frames;
    /** Empty when the exception could not be serialized. */
    private final byte[] serialized;
    /** Why it was not serialized; empty when it was. */
    private final String notSerializedBecause;

    private WireException(String className, String message, StackTraceElement[] frames, byte[] serialized,
                          String notSerializedBecause) {
        this.className = className;
        this.message = message;
        this.frames = frames;
        this.serialized = serialized;
        this.notSerializedBecause = notSerializedBecause;
    }

    /** What a worker sends of {@code thrown}. Never throws. */
    public static WireException of(Throwable thrown) {
        StackTraceElement[] frames;
        try {
            frames = thrown.getStackTrace();
        } catch (Throwable overriddenAndBroken) {
            frames = NO_FRAMES;
        }
        byte[] serialized = NOT_SERIALIZED;
        String notSerializedBecause = "";
        try {
            serialized = WireValues.serialize(thrown);
        } catch (Throwable cannot) {
            // A field that is not Serializable, a writeObject that throws, a cause chain too deep for the stack.
            notSerializedBecause = "it could not be serialized: " + SafeText.of(cannot);
        }
        return new WireException(thrown.getClass().getName(), SafeText.messageOf(thrown), frames, serialized,
                notSerializedBecause);
    }

    public void writeTo(FrameOutput out) {
        out.writeString(className);
        out.writeBoolean(message != null);
        if (message != null) {
            out.writeString(message);
        }
        out.writeInt(frames.length);
        for (StackTraceElement frame : frames) {
            out.writeString(frame.getClassName());
            out.writeString(frame.getMethodName());
            out.writeString(frame.getFileName() == null ? "" : frame.getFileName());
            out.writeInt(frame.getLineNumber());
        }
        out.writeString(notSerializedBecause);
        out.writeBytes(serialized);
    }

    public static WireException readFrom(FrameInput in) throws IOException {
        String className = in.readString();
        String message = in.readBoolean() ? in.readString() : null;
        int count = in.readInt();
        if (count < 0 || count > 1 << 20) {
            throw new IOException("corrupt frame: an exception of " + count + " stack frames");
        }
        StackTraceElement[] frames = new StackTraceElement[count];
        for (int i = 0; i < count; i++) {
            String declaringClass = in.readString();
            String method = in.readString();
            String file = in.readString();
            frames[i] = new StackTraceElement(declaringClass, method, file.isEmpty() ? null : file, in.readInt());
        }
        String notSerializedBecause = in.readString();
        return new WireException(className, message, frames, in.readBytes(), notSerializedBecause);
    }

    /** The name of the exception's class. */
    public String className() {
        return className;
    }

    /** The exception's message; null when it had none. */
    public String message() {
        return message;
    }

    /** Its stack trace where it was thrown. */
    public StackTraceElement[] frames() {
        return frames.clone();
    }

    /**
     * The exception itself, as it was thrown in the worker, stack trace included.
     *
     * @throws WireValues.UnreadableValueException when it could not be serialized, or cannot be made here (its
     *                                             class is missing); the message says which
     */
    public Throwable exception() throws WireValues.UnreadableValueException {
        if (serialized.length == 0) {
            throw new WireValues.UnreadableValueException(notSerializedBecause, null);
        }
        Object value = WireValues.deserialize(serialized);
        if (value instanceof Throwable thrown) {
            return thrown;
        }
        throw new WireValues.UnreadableValueException("it was read back as a " + SafeText.of(value.getClass()), null);
    }
}
