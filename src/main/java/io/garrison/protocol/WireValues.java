package io.garrison.protocol;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;

/**
 * The tags of the values that cross the pipe between a parent and its own workers, and their serialization
 * fallback.
 *
 * <p>Common values (strings, boxed numbers) get a compact tag so that a million small tasks do not pay for a
 * million {@link ObjectOutputStream}s; anything else falls back to Java serialization. That fallback is only
 * ever read from a pipe to a process this parent started on its own class path, never from a socket.
 */
public final class WireValues {

    static final byte NULL = 0;
    static final byte STRING = 1;
    public static final byte INT = 2;
    static final byte LONG = 3;
    static final byte DOUBLE = 4;
    static final byte BOOLEAN = 5;
    static final byte SERIALIZED = 6;
    /** Stands for a value the parent could not send, with the reason; its task fails with that reason. */
    static final byte UNSENDABLE = 7;

    private WireValues() {
    }

    public static byte[] serialize(Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }

    /** @throws UnreadableValueException if the bytes do not make an object here (a missing class, say) */
    public static Object deserialize(byte[] bytes) throws UnreadableValueException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        } catch (ClassNotFoundException e) {
            throw new UnreadableValueException("class not on this class path: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new UnreadableValueException(e.toString(), e);
        }
    }

    /** Where an input stood that the parent could not send: the worker fails its task with {@link #reason}. */
    public record Unsendable(String reason) {
    }

    /** A serialized value that was read whole but cannot be turned into an object in this process. */
    public static final class UnreadableValueException extends IOException {
        private static final long serialVersionUID = 1L;

        UnreadableValueException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
