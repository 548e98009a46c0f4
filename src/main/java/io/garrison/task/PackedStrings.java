package io.garrison.task;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Many short strings kept as UTF-8 in one byte array, decoded when read. A million task inputs then cost the
 * parent about 11 MB instead of 50 (a String and its byte array each). Immutable once built.
 */
final class PackedStrings {

    private final byte[] bytes;
    /** String i is bytes[starts[i], starts[i + 1]). */
    private final int[] starts;

    private PackedStrings(byte[] bytes, int[] starts) {
        this.bytes = bytes;
        this.starts = starts;
    }

    String get(int index) {
        return new String(bytes, starts[index], starts[index + 1] - starts[index], StandardCharsets.UTF_8);
    }

    /** Hands string {@code index} to {@code sink} as the UTF-8 bytes it is kept in, without decoding it. */
    void copy(int index, Utf8Sink sink) {
        sink.write(bytes, starts[index], starts[index + 1] - starts[index]);
    }

    static final class Builder {
        private byte[] bytes = new byte[1 << 12];
        private int[] starts = new int[1 << 10];
        private int count;

        void add(String value) {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            add(utf8, 0, utf8.length);
        }

        /** Adds a string given as its UTF-8 bytes {@code utf8[from, from + length)}. */
        void add(byte[] utf8, int from, int length) {
            long end = (long) starts[count] + length;
            if (end > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("a task list's inputs are limited to 2 GB in all");
            }
            if (end > bytes.length) {
                bytes = Arrays.copyOf(bytes, (int) Math.max(end, Math.min(Integer.MAX_VALUE - 8, 2L * bytes.length)));
            }
            System.arraycopy(utf8, from, bytes, starts[count], length);
            if (count + 2 > starts.length) {
                starts = Arrays.copyOf(starts, 2 * starts.length);
            }
            starts[++count] = (int) end;
        }

        /** The UTF-8 bytes of the strings added so far. */
        int byteSize() {
            return starts[count];
        }

        PackedStrings build() {
            return new PackedStrings(Arrays.copyOf(bytes, starts[count]), Arrays.copyOf(starts, count + 1));
        }
    }
}
