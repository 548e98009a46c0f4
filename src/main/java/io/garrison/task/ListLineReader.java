package io.garrison.task;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a task list line by line straight from its bytes, ending lines where {@link java.io.BufferedReader}
 * does (LF, CR LF, or a lone CR), with a leading UTF-8 byte order mark dropped. Bytes that are not UTF-8
 * become U+FFFD, line by line. Skipping the reader's decode into chars and back halves the cost of a
 * million-line list, which the CLI reads while its workers start.
 */
final class ListLineReader {

    private final InputStream in;
    private byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private boolean ended;
    private boolean atStart = true;
    /** The previous line ended with CR: an LF right after it belongs to that ending. */
    private boolean afterCr;
    /** A list that is only a byte order mark is one empty line, as for BufferedReader. */
    private boolean onlyBom;
    private int lineFrom;
    private int lineTo;

    /** Items end at NUL instead of at line endings, and are taken as they are (no byte order mark dropped). */
    private final boolean nulSeparated;

    ListLineReader(InputStream in) {
        this(in, false);
    }

    ListLineReader(InputStream in, boolean nulSeparated) {
        this.in = in;
        this.nulSeparated = nulSeparated;
    }

    /** The current line without its ending, decoded; bad bytes become U+FFFD. */
    String line() {
        return new String(buffer, lineFrom, lineTo - lineFrom, StandardCharsets.UTF_8);
    }

    /** The bytes of the current line are {@code bytes()[lineFrom(), lineTo())}, valid until {@link #next}. */
    byte[] bytes() {
        return buffer;
    }

    int lineFrom() {
        return lineFrom;
    }

    int lineTo() {
        return lineTo;
    }

    /** Moves to the next line; false at the end of the input. */
    boolean next() throws IOException {
        if (nulSeparated) {
            return nextItem();
        }
        int scanned = position;
        while (true) {
            if (afterCr) {
                if (position == limit && !fill()) {
                    return false;
                }
                if (buffer[position] == '\n') {
                    position++;
                }
                afterCr = false;
                scanned = position;
            }
            if (atStart) {
                if (limit - position < 3 && !ended && fill()) {
                    continue;
                }
                atStart = false;
                if (limit - position >= 3 && (buffer[position] & 0xff) == 0xEF && (buffer[position + 1] & 0xff) == 0xBB
                        && (buffer[position + 2] & 0xff) == 0xBF) {
                    position += 3;
                    onlyBom = true;
                }
                scanned = position;
            }
            for (int i = scanned; i < limit; i++) {
                byte b = buffer[i];
                if (b == '\n' || b == '\r') {
                    onlyBom = false;
                    lineFrom = position;
                    lineTo = i;
                    position = i + 1;
                    afterCr = b == '\r';
                    return true;
                }
            }
            scanned = limit - position;
            if (!fill()) {
                if (position == limit) {
                    boolean bomLine = onlyBom;
                    onlyBom = false;
                    lineFrom = position;
                    lineTo = position;
                    return bomLine;
                }
                lineFrom = position;
                lineTo = limit;
                position = limit;
                onlyBom = false;
                return true;
            }
            scanned += position;
        }
    }

    /** The next NUL-terminated item; the last one may lack its NUL. False at the end of the input. */
    private boolean nextItem() throws IOException {
        int scanned = position;
        while (true) {
            for (int i = scanned; i < limit; i++) {
                if (buffer[i] == 0) {
                    lineFrom = position;
                    lineTo = i;
                    position = i + 1;
                    return true;
                }
            }
            scanned = limit - position;
            if (!fill()) {
                if (position == limit) {
                    return false;
                }
                lineFrom = position;
                lineTo = limit;
                position = limit;
                return true;
            }
            scanned += position;
        }
    }

    /** Reads more input after what is unread; false when there is no more. Keeps unread bytes at the front. */
    private boolean fill() throws IOException {
        if (ended) {
            return false;
        }
        if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            limit -= position;
            position = 0;
        }
        if (limit == buffer.length) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        int n = in.read(buffer, limit, buffer.length - limit);
        if (n < 0) {
            ended = true;
            return false;
        }
        limit += n;
        return true;
    }
}
