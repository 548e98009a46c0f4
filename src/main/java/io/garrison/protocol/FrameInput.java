package io.garrison.protocol;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads messages from a pipe through its own buffer: no per-byte synchronization, no per-value allocation
 * beyond the value itself. One reader thread owns an instance. End of stream surfaces as {@link EOFException}.
 */
public final class FrameInput {

    private static final int MAX_FIELD = 256 * 1024 * 1024;

    private final InputStream in;
    private final byte[] buffer;
    private int position;
    private int limit;

    public FrameInput(InputStream in, int bufferSize) {
        this.in = in;
        this.buffer = new byte[bufferSize];
    }

    /** True when no more bytes are buffered, i.e. the next read may block. */
    public boolean drained() {
        return position == limit;
    }

    /**
     * Skips everything before {@code marker} and the marker itself, returning what was skipped (at most the
     * last 4 KiB). A JVM may print to stdout before its main method runs (JFR announces itself there), so the
     * protocol starts only after a marker that such output cannot contain by chance.
     */
    public String skipPast(byte[] marker) throws IOException {
        StringBuilder skipped = new StringBuilder();
        int matched = 0;
        while (matched < marker.length) {
            byte b = readByte();
            if (b == marker[matched]) {
                matched++;
            } else {
                for (int i = 0; i < matched; i++) {
                    skipped.append((char) (marker[i] & 0xff));
                }
                matched = b == marker[0] ? 1 : 0;
                if (matched == 0) {
                    skipped.append((char) (b & 0xff));
                }
                if (skipped.length() > 8192) {
                    skipped.delete(0, skipped.length() - 4096);
                }
            }
        }
        return skipped.toString();
    }

    public byte readByte() throws IOException {
        if (position == limit) {
            fill();
        }
        return buffer[position++];
    }

    public boolean readBoolean() throws IOException {
        return readByte() != 0;
    }

    public int readInt() throws IOException {
        if (limit - position < 4) {
            return ((readByte() & 0xff) << 24) | ((readByte() & 0xff) << 16) | ((readByte() & 0xff) << 8) | (readByte() & 0xff);
        }
        int value = ((buffer[position] & 0xff) << 24) | ((buffer[position + 1] & 0xff) << 16)
                | ((buffer[position + 2] & 0xff) << 8) | (buffer[position + 3] & 0xff);
        position += 4;
        return value;
    }

    public long readLong() throws IOException {
        return ((long) readInt() << 32) | (readInt() & 0xffffffffL);
    }

    public byte[] readBytes() throws IOException {
        byte[] value = new byte[checkedLength()];
        readFully(value);
        return value;
    }

    public String readString() throws IOException {
        int length = checkedLength();
        if (limit - position >= length) {
            String value = new String(buffer, position, length, StandardCharsets.UTF_8);
            position += length;
            return value;
        }
        byte[] value = new byte[length];
        readFully(value);
        return new String(value, StandardCharsets.UTF_8);
    }

    public Object readValue() throws IOException {
        return readValue(readByte());
    }

    /** The value after its tag, for a reader that looked at the tag first (to keep ints unboxed, say). */
    public Object readValue(byte tag) throws IOException {
        return switch (tag) {
            case WireValues.NULL -> null;
            case WireValues.INT -> readInt();
            case WireValues.STRING -> readString();
            case WireValues.LONG -> readLong();
            case WireValues.DOUBLE -> Double.longBitsToDouble(readLong());
            case WireValues.BOOLEAN -> readBoolean();
            case WireValues.SERIALIZED -> WireValues.deserialize(readBytes());
            case WireValues.UNSENDABLE -> new WireValues.Unsendable(readString());
            default -> throw new IOException("corrupt frame: unknown value tag " + tag);
        };
    }

    private int checkedLength() throws IOException {
        int length = readInt();
        if (length < 0 || length > MAX_FIELD) {
            throw new IOException("corrupt frame: field length " + length);
        }
        return length;
    }

    private void readFully(byte[] target) throws IOException {
        int copied = 0;
        while (copied < target.length) {
            if (position == limit) {
                fill();
            }
            int n = Math.min(limit - position, target.length - copied);
            System.arraycopy(buffer, position, target, copied, n);
            position += n;
            copied += n;
        }
    }

    private void fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        if (n < 0) {
            throw new EOFException();
        }
        position = 0;
        limit = n;
    }
}
