package io.garrison.protocol;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer that messages are encoded into before they reach a pipe. Unsynchronized and
 * allocation-free per value, because the pool encodes millions of tiny tasks; a single owner thread uses it.
 */
public final class FrameOutput {

    private byte[] bytes;
    private int size;

    public FrameOutput(int initialCapacity) {
        bytes = new byte[Math.max(16, initialCapacity)];
    }

    public int size() {
        return size;
    }

    public int capacity() {
        return bytes.length;
    }

    public void reset() {
        size = 0;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    public void writeTo(OutputStream out) throws IOException {
        out.write(bytes, 0, size);
    }

    /** Appends what another buffer holds. */
    public void append(FrameOutput other) {
        ensure(other.size);
        System.arraycopy(other.bytes, 0, bytes, size, other.size);
        size += other.size;
    }

    public void writeByte(int value) {
        ensure(1);
        bytes[size++] = (byte) value;
    }

    public void writeBoolean(boolean value) {
        writeByte(value ? 1 : 0);
    }

    public void writeInt(int value) {
        ensure(4);
        bytes[size] = (byte) (value >>> 24);
        bytes[size + 1] = (byte) (value >>> 16);
        bytes[size + 2] = (byte) (value >>> 8);
        bytes[size + 3] = (byte) value;
        size += 4;
    }

    public void writeLong(long value) {
        writeInt((int) (value >>> 32));
        writeInt((int) value);
    }

    public void writeBytes(byte[] value) {
        writeBytes(value, 0, value.length);
    }

    /** Its length, then the bytes: as {@link #writeBytes(byte[])} writes a whole array. */
    public void writeBytes(byte[] value, int offset, int length) {
        writeInt(length);
        ensure(length);
        System.arraycopy(value, offset, bytes, size, length);
        size += length;
    }

    /** A string value (as {@link #writeValue} writes one) from its UTF-8 bytes. */
    public void writeStringValue(byte[] utf8, int offset, int length) {
        writeByte(WireValues.STRING);
        writeBytes(utf8, offset, length);
    }

    public void writeString(String value) {
        if (isShortAscii(value)) {
            int length = value.length();
            writeInt(length);
            ensure(length);
            for (int i = 0; i < length; i++) {
                bytes[size + i] = (byte) value.charAt(i);
            }
            size += length;
        } else {
            writeBytes(value.getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * Writes a value with a one-byte tag (see {@link WireValues}); anything but strings and boxed primitives
     * goes through Java serialization.
     */
    /** A placeholder for a value that could not be encoded, so the message still holds one value per task. */
    public void writeUnsendable(String reason) {
        writeByte(WireValues.UNSENDABLE);
        writeString(reason);
    }

    public void writeValue(Object value) throws IOException {
        if (value == null) {
            writeByte(WireValues.NULL);
        } else if (value instanceof Integer i) {
            writeByte(WireValues.INT);
            writeInt(i);
        } else if (value instanceof String s) {
            writeByte(WireValues.STRING);
            writeString(s);
        } else if (value instanceof Long l) {
            writeByte(WireValues.LONG);
            writeLong(l);
        } else if (value instanceof Double d) {
            writeByte(WireValues.DOUBLE);
            writeLong(Double.doubleToRawLongBits(d));
        } else if (value instanceof Boolean b) {
            writeByte(WireValues.BOOLEAN);
            writeBoolean(b);
        } else if (value instanceof Serializable) {
            byte[] serialized = WireValues.serialize(value);
            writeByte(WireValues.SERIALIZED);
            writeBytes(serialized);
        } else {
            throw new IOException("cannot send a " + value.getClass().getName() + " to or from a worker: it is not Serializable");
        }
    }

    private static boolean isShortAscii(String value) {
        if (value.length() > 256) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
