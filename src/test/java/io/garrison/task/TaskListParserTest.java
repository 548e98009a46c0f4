package io.garrison.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TaskListParserTest {

    private final TaskListParser squares = new TaskListParser(TaskKinds.require("square"), TaskOptions.none());
    private final TaskListParser downloads = new TaskListParser(TaskKinds.require("download"), TaskOptions.none());

    @Test
    void skipsBlankAndCommentLinesAndKeepsLineNumbersWithBomAndCrlf() {
        TaskList list = squares.parse("\uFEFF# squares\r\n1\r\n\r\n  2  \r\n#3\r\n4");
        assertThat(list.size()).isEqualTo(3);
        assertThat(list.input(0)).isEqualTo("1");
        assertThat(list.line(0)).isEqualTo(2);
        assertThat(list.input(1)).isEqualTo("2");
        assertThat(list.line(1)).isEqualTo(4);
        assertThat(list.line(2)).isEqualTo(6);
        assertThat(list.problems()).isEmpty();
    }

    /**
     * ASCII lines are trimmed and checked as bytes, other lines as strings: both must keep and report exactly
     * what {@code String.strip} and {@link TaskKind#validate} of the line would.
     */
    @Test
    void asciiLinesReadAsBytesGiveWhatTheirStringsWould() {
        SquareTask square = new SquareTask();
        String[] lines = {"7", "  -12\t", "+5", "-0", "+", "-", "+-3", "1e3", "0x10", "007",
                "999999999999999999", "-999999999999999999", "9223372036854775807", "-9223372036854775808",
                "9223372036854775808", "12345678901234567890", "\u000b 42 \u001f", "\f8\u001c", "3 4", "#not",
                "  # still a comment", "\u2003 9", "\u00a09", "\u0663", "x\u00e9", "\u001d", "5\u0000"};
        TaskList list = squares.parse(String.join("\n", lines));
        int kept = 0;
        for (int i = 0; i < lines.length; i++) {
            String stripped = lines[i].strip();
            if (stripped.isEmpty() || stripped.startsWith("#")) {
                continue;
            }
            assertThat(list.input(kept)).as("line %d", i + 1).isEqualTo(stripped);
            assertThat(list.line(kept)).isEqualTo(i + 1);
            int lineNumber = i + 1;
            assertThat(list.problem(kept)).as("line %d: %s", lineNumber, lines[i])
                    .isEqualTo(square.validate(stripped, TaskOptions.none()).map(p -> "line " + lineNumber + ": " + p));
            kept++;
        }
        assertThat(list.size()).isEqualTo(kept);
    }

    @Test
    void invalidLinesStayInTheListWithLineAndReason() {
        TaskList list = squares.parse("1\nseven\n99999999999999999999\n3");
        assertThat(list.size()).isEqualTo(4);
        assertThat(list.problem(1)).contains("line 2: not an integer: \"seven\"");
        assertThat(list.problem(2)).hasValueSatisfying(p -> assertThat(p).startsWith("line 3: not an integer"));
        assertThat(list.problem(0)).isEmpty();
    }

    @Test
    void hostileUrlsAreRejectedWithTheirReason() {
        TaskList list = downloads.parse(String.join("\n",
                "http://127.0.0.1:1/ok",
                "file:///etc/passwd",
                "ftp://example.com/x",
                "http://exa mple.com/",
                "http:///nohost",
                "javascript:alert(1)",
                "http://example.com/\u0007bell",
                "https://example.com/../../etc/passwd"));
        assertThat(list.problem(0)).isEmpty();
        assertThat(list.problem(1)).hasValueSatisfying(p -> assertThat(p).startsWith("line 2: only http and https"));
        assertThat(list.problem(2)).hasValueSatisfying(p -> assertThat(p).startsWith("line 3: only http and https"));
        assertThat(list.problem(3)).hasValueSatisfying(p -> assertThat(p).contains("line 4: a URL may not contain spaces"));
        assertThat(list.problem(4)).hasValueSatisfying(p -> assertThat(p).contains("line 5: the URL has no host"));
        assertThat(list.problem(5)).hasValueSatisfying(p -> assertThat(p).startsWith("line 6: only http and https"));
        assertThat(list.problem(6)).hasValueSatisfying(p -> assertThat(p).contains("control characters"));
        assertThat(list.problem(7)).as("a path with .. is fine to fetch; its file name is made safe").isEmpty();
    }

    @Test
    void badUtf8IsReportedForItsLineOnly() throws Exception {
        byte[] bytes = "1\n\u0000".getBytes(StandardCharsets.UTF_8);
        byte[] withBadByte = new byte[] {'1', '\n', (byte) 0xC3, '(', '\n', '3'};
        TaskList list = squares.parse(new ByteArrayInputStream(withBadByte));
        assertThat(bytes).isNotEmpty();
        assertThat(list.size()).isEqualTo(3);
        assertThat(list.problem(1)).contains("line 2: not valid UTF-8 text");
        assertThat(list.problem(2)).isEmpty();
    }

    @Test
    void aMillionLinesLoad() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 1_000_000; i++) {
            text.append(i).append('\n');
        }
        TaskList list = squares.parse(text.toString());
        assertThat(list.size()).isEqualTo(1_000_000);
        assertThat(list.line(999_999)).isEqualTo(1_000_000);
        assertThat(list.problems()).isEmpty();
    }
}
