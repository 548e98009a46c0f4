package io.garrison.cli;

import io.garrison.task.TaskList;
import io.garrison.task.TaskListReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The problems of a task list ({@code line N: reason}), in list order, read a block at a time so that checking
 * a list of any length under {@code --strict} holds one block and the problems, not the list. Closes the reader
 * once read to the end. @throws UncheckedIOException from {@link #hasNext} when the list cannot be read
 */
final class ListProblems implements Iterator<String> {

    private static final int BLOCK_TASKS = 1 << 16;
    private static final int BLOCK_BYTES = 16 << 20;

    private final TaskListReader reader;
    private Iterator<String> current = Collections.emptyIterator();

    ListProblems(TaskListReader reader) {
        this.reader = reader;
    }

    @Override
    public boolean hasNext() {
        try {
            while (!current.hasNext()) {
                if (reader.ended()) {
                    reader.close();
                    return false;
                }
                TaskList block = reader.nextBlock(BLOCK_TASKS, BLOCK_BYTES);
                current = block.problems().values().iterator();
            }
            return true;
        } catch (IOException e) {
            try {
                reader.close();
            } catch (IOException ignored) {
                e.addSuppressed(ignored);
            }
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return current.next();
    }
}
