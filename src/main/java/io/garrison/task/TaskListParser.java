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
        PackedStrings.Builder inputs = new PackedStrings.Builder();
        int[] lines = new int[1024];
        int size = 0;
        Map<Integer, String> problems = new HashMap<>();
        int lineNumber = 0;
        for (String raw; (raw = reader.readLine()) != null; ) {
            lineNumber++;
            String input = raw.strip();
            if (input.isEmpty() || input.charAt(0) == '#') {
                continue;
            }
            if (size == lines.length) {
                lines = Arrays.copyOf(lines, size * 2);
            }
            inputs.add(input);
            lines[size] = lineNumber;
            Optional<String> problem = input.indexOf(REPLACEMENT) >= 0
                    ? Optional.of("not valid UTF-8 text")
                    : kind.validate(input, options);
            if (problem.isPresent()) {
                problems.put(size, "line " + lineNumber + ": " + problem.get());
            }
            size++;
        }
        return new TaskList(inputs.build(), Arrays.copyOf(lines, size), size, problems);
    }

    public TaskList parse(String text) {
        try {
            return parse(new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new IllegalStateException("reading from memory cannot fail", e);
        }
    }
}
