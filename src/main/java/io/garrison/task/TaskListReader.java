package io.garrison.task;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a task list a block at a time: UTF-8 (a leading BOM is dropped), LF or CRLF, one input a line,
 * surrounding white space stripped, blank lines and lines starting with {@code #} skipped. Each remaining line
 * is checked by the task kind; an invalid one is kept with {@code line N: reason}. A caller that runs each
 * block before it reads the next holds one block of a list of any length, so a list of fifty million lines, or
 * a pipe that never ends, runs in bounded memory.
 *
 * <p>Threading: one thread at a time.
 */
public final class TaskListReader implements Closeable {

    private static final char REPLACEMENT = '\uFFFD';

    /** How a list separates its inputs. */
    public enum Separator {
        /** One input a line, trimmed; blank lines and {@code #} lines skipped (the task list format). */
        LINES,
        /**
         * GNU parallel's {@code -0}: inputs end at NUL and are taken exactly as they are, so that any text (a
         * newline, leading spaces, a {@code #}, nothing at all) can be an input. Item N is "line" N.
         */
        NUL
    }

    private final TaskKind kind;
    private final TaskOptions options;
    private final InputStream in;
    // Bad bytes become U+FFFD so one broken line is reported instead of the whole list failing.
    private final ListLineReader lines;
    private final boolean verbatim;
    private int lineNumber;
    private int tasksRead;
    private boolean ended;

    public TaskListReader(TaskKind kind, TaskOptions options, InputStream in) {
        this(kind, options, in, Separator.LINES);
    }

    public TaskListReader(TaskKind kind, TaskOptions options, InputStream in, Separator separator) {
        this.kind = kind;
        this.options = options;
        this.in = in;
        this.verbatim = separator == Separator.NUL;
        this.lines = new ListLineReader(in, verbatim);
    }

    /** Tasks in the blocks read so far: the index of the next block's first task. */
    public int tasksRead() {
        return tasksRead;
    }

    /** Whether the whole list has been read. */
    public boolean ended() {
        return ended;
    }

    /**
     * The next tasks of the list, up to {@code maxTasks} of them or until their inputs reach {@code maxBytes};
     * empty once the list has ended. Task {@code i} of the block is task {@code tasksRead() + i} of the list
     * (as {@link #tasksRead()} was before this call); lines are the list's own.
     */
    public TaskList nextBlock(int maxTasks, int maxBytes) throws IOException {
        Collected collected = new Collected();
        while (collected.size < maxTasks && collected.inputs.byteSize() < maxBytes) {
            if (!lines.next()) {
                ended = true;
                break;
            }
            lineNumber++;
            byte[] bytes = lines.bytes();
            int from = lines.lineFrom();
            int to = lines.lineTo();
            if (verbatim) {
                if (isAscii(bytes, from, to)) {
                    collected.add(bytes, from, to, lineNumber, kind.validateAscii(bytes, from, to, options));
                } else {
                    String input = lines.line();
                    collected.add(input, lineNumber, input.indexOf(REPLACEMENT) >= 0
                            ? Optional.of("not valid UTF-8 text") : kind.validate(input, options));
                }
                continue;
            }
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
            String input = lines.line().strip();
            if (input.isEmpty() || input.charAt(0) == '#') {
                continue;
            }
            collected.add(input, lineNumber, input.indexOf(REPLACEMENT) >= 0
                    ? Optional.of("not valid UTF-8 text")
                    : kind.validate(input, options));
        }
        tasksRead += collected.size;
        return collected.toTaskList();
    }

    @Override
    public void close() throws IOException {
        in.close();
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
}
