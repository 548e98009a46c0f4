package io.garrison.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The byte-level line reader ends and decodes lines exactly as a BufferedReader over UTF-8 does. */
class ListLineReaderTest {

    @Test
    void agreesWithBufferedReaderOnEveryLineEnding() throws IOException {
        for (String text : List.of("", "\n", "\r", "\r\n", "a", "a\n", "a\r", "a\r\n", "a\r\rb", "a\n\rb", "a\r\n\nb",
                "\uFEFF1\r\n2", "\uFEFF", "\uFEFFx", "\uFEFF\n", "1\n\uFEFF2", "é\nж\r中\r\n😀", " x \n\t\n# c\n")) {
            assertSameLines(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void agreesOnBadBytesAndLongLinesWhateverTheReadSizes() throws IOException {
        Random random = new Random(6);
        for (int round = 0; round < 200; round++) {
            byte[] bytes = new byte[random.nextInt(round < 190 ? 300 : 200_000)];
            String alphabet = "ab\r\n\r\né中";
            byte[] letters = alphabet.getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = random.nextInt(20) == 0 ? (byte) (0x80 + random.nextInt(128)) : letters[random.nextInt(letters.length)];
            }
            assertSameLines(bytes);
        }
    }

    private static void assertSameLines(byte[] bytes) throws IOException {
        List<String> expected = new ArrayList<>();
        BufferedReader reference = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(bytes),
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(CodingErrorAction.REPLACE)));
        for (String line; (line = reference.readLine()) != null; ) {
            expected.add(expected.isEmpty() && line.startsWith("\uFEFF") ? line.substring(1) : line);
        }
        for (int chunk : new int[] {1, 2, 3, 7, 1 << 16}) {
            ListLineReader reader = new ListLineReader(new Trickle(bytes, chunk));
            List<String> actual = new ArrayList<>();
            while (reader.next()) {
                actual.add(reader.line());
            }
            assertThat(actual).as("read %d bytes at a time from %s", chunk, java.util.Arrays.toString(bytes)).isEqualTo(expected);
        }
    }

    /** Hands out at most {@code chunk} bytes a read, as a pipe may. */
    private static final class Trickle extends InputStream {
        private final byte[] bytes;
        private final int chunk;
        private int position;

        Trickle(byte[] bytes, int chunk) {
            this.bytes = bytes;
            this.chunk = chunk;
        }

        @Override
        public int read() {
            return position < bytes.length ? bytes[position++] & 0xff : -1;
        }

        @Override
        public int read(byte[] into, int offset, int length) {
            if (position >= bytes.length) {
                return -1;
            }
            int n = Math.min(Math.min(length, chunk), bytes.length - position);
            System.arraycopy(bytes, position, into, offset, n);
            position += n;
            return n;
        }
    }
}
