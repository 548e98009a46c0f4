package io.garrison.task;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a whole task list into memory, as {@link TaskListReader} reads it (see there for the format). For
 * callers that show or edit every task; a run of a list too long to hold streams it with the reader instead.
 */
public final class TaskListParser {

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
        return new TaskListReader(kind, options, in).nextBlock(Integer.MAX_VALUE, Integer.MAX_VALUE);
    }

    public TaskList parse(String text) {
        try {
            return parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new IllegalStateException("reading from memory cannot fail", e);
        }
    }
}
