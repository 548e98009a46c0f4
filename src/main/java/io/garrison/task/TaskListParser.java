package io.garrison.task;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a task list: UTF-8 (a leading BOM is dropped), LF or CRLF, one input a line, surrounding white space
 * stripped, blank lines and lines starting with {@code #} skipped. Each remaining line is checked by the
 * task kind; an invalid one is kept with {@code line N: reason}.
 */
public final class TaskListParser {

    private static final char REPLACEMENT = '\uFFFD';

    private final TaskKind kind;
    private final TaskOptions options;

    public TaskListParser(TaskKind kind, TaskOptions options) {
        this.kind = kind;
        this.options = options;
    }

    public TaskList parse(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in);
        }
    }

    public TaskList parse(InputStream in) throws IOException {
        // Bad bytes become U+FFFD so one broken line is reported instead of the whole list failing.
        ListLineReader reader = new ListLineReader(in);
        Collected collected = new Collected();
        int lineNumber = 0;
        while (reader.next()) {
            lineNumber++;
            byte[] bytes = reader.bytes();
            int from = reader.lineFrom();
            int to = reader.lineTo();
            if (isAscii(bytes, from, to)) {
                // The same trimming as String.strip, whose whitespace below 128 is exactly this.
                while (from < to && isWhitespace(bytes[from])) {
                    from++;
                }
                while (to > from && isWhitespace(bytes[to - 1])) {
                    to--;
                }
                if (from == to || bytes[from] == '#') {
                    continue;
                }
                collected.add(bytes, from, to, lineNumber, kind.validateAscii(bytes, from, to, options));
                continue;
            }
            String input = reader.line().strip();
            if (input.isEmpty() || input.charAt(0) == '#') {
                continue;
            }
            collected.add(input, lineNumber, input.indexOf(REPLACEMENT) >= 0
                    ? Optional.of("not valid UTF-8 text")
                    : kind.validate(input, options));
        }
        return collected.toTaskList();
    }

    private static boolean isAscii(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isWhitespace(byte b) {
        return b <= ' ' && Character.isWhitespace(b);
    }

    /** The inputs kept so far, each with its line number and, when it cannot run, why. */
    private static final class Collected {
        private final PackedStrings.Builder inputs = new PackedStrings.Builder();
        private int[] lines = new int[1024];
        private int size;
        private final Map<Integer, String> problems = new HashMap<>();

        /** Keeps the input given as its bytes {@code ascii[from, to)}. */
        void add(byte[] ascii, int from, int to, int lineNumber, Optional<String> problem) {
            inputs.add(ascii, from, to - from);
            record(lineNumber, problem);
        }

        void add(String input, int lineNumber, Optional<String> problem) {
            inputs.add(input);
            record(lineNumber, problem);
        }

        private void record(int lineNumber, Optional<String> problem) {
            if (size == lines.length) {
                lines = Arrays.copyOf(lines, size * 2);
            }
            lines[size] = lineNumber;
            if (problem.isPresent()) {
                problems.put(size, "line " + lineNumber + ": " + problem.get());
            }
            size++;
        }

        TaskList toTaskList() {
            return new TaskList(inputs.build(), Arrays.copyOf(lines, size), size, problems);
        }
    }

    public TaskList parse(String text) {
        try {
            return parse(new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new IllegalStateException("reading from memory cannot fail", e);
        }
    }
}
