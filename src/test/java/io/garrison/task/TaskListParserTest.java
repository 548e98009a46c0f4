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
