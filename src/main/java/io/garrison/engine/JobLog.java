package io.garrison.engine;

import io.garrison.task.TaskList;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A joblog in the spirit of GNU parallel's: TSV with a header row, one row per finished task
 * ({@code seq line pid start_ms runtime_ms status exitval error input}). Tasks that never ran because the run
 * stopped are left out, so {@code --resume} runs them next time. Tabs and newlines inside a field are written
 * as {@code \t} and {@code \n}.
 *
 * <p>One run owns the file from {@link #open} to {@link #close}: it holds an exclusive lock on it, so a second
 * run on the same joblog is refused instead of interleaving its rows with ours. Each row reaches the file in one
 * write when its task ends, so a parent killed at any moment leaves whole rows for every task it heard finish
 * (at most a torn last row, which the next open ends and {@link #succeededTasks} ignores).
 *
 * <p>Threading: {@link #onEvent} runs on the pool's event thread; {@link #succeededTasks} and {@link #close} on
 * any thread. Writes and close are serialized on this object.
 */
public final class JobLog implements PoolListener, Closeable {

    public static final List<String> COLUMNS =
            List.of("seq", "line", "pid", "start_ms", "runtime_ms", "status", "exitval", "error", "input");
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";
    /** The header is about 60 bytes; a first line longer than this is no joblog's. */
    private static final int HEADER_MAX_BYTES = 4096;
    private static final byte[] LINE_END = System.lineSeparator().getBytes(StandardCharsets.UTF_8);

    /** Why {@link #open} refused a file. */
    public enum Refusal {
        /** The file holds something else (its first line is not a joblog header); it was left untouched. */
        NOT_A_JOBLOG,
        /** Another run (another process, or another open in this one) is writing it now. */
        IN_USE
    }

    /** {@link #open} would not write this file; it is unchanged. */
    public static final class RefusedException extends IOException {
        private final Refusal refusal;
        private final transient Path file;

        RefusedException(Refusal refusal, Path file) {
            super(switch (refusal) {
                case NOT_A_JOBLOG -> "not a joblog (its first line is not the joblog header): " + file;
                case IN_USE -> "the joblog is in use by another run: " + file;
            });
            this.refusal = refusal;
            this.file = file;
        }

        public Refusal refusal() {
            return refusal;
        }

        public Path file() {
            return file;
        }
    }

    /** Why a row was ignored when the joblog was read. */
    public enum Damage {
        /** The file ends inside it: the run writing it was cut off. */
        TORN,
        /** Its bytes are not UTF-8 (a file cut inside a character, or binary data). */
        UNDECODABLE,
        /** A number of columns other than the header's, or a status that is neither succeeded nor failed. */
        MALFORMED
    }

    /** A row {@link #succeededTasks} ignored: its 1-based line in the file, and why. */
    public record DamagedRow(long line, Damage damage) {
    }

    /** The tasks a joblog shows succeeded, and the rows that could not be read (never fatal). */
    public record Succeeded(Set<Integer> tasks, List<DamagedRow> ignoredRows) {
    }

    /** Guarded by this. */
    private final FileChannel channel;
    private final FileLock lock;
    /** The file's length when opened: what earlier runs wrote, before this one ended a torn row. */
    private final long earlierLength;
    /** Only touched on the event thread. */
    private final Map<Integer, Long> startMs = new HashMap<>();
    /** Guarded by this. */
    private IOException firstError;

    private JobLog(FileChannel channel, FileLock lock, long earlierLength) {
        this.channel = channel;
        this.lock = lock;
        this.earlierLength = earlierLength;
    }

    /**
     * Opens a joblog for writing and locks it for this run. A missing or empty file gets the header; an existing
     * joblog is appended to, after its torn last row (if any) is ended so that ours never glue onto it.
     *
     * @throws RefusedException if the file is not a joblog or another run holds it; the file is then unchanged
     */
    public static JobLog open(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException heldHere) {
                lock = null;
            }
            if (lock == null) {
                throw new RefusedException(Refusal.IN_USE, file);
            }
            long length = channel.size();
            if (length == 0) {
                writeFully(channel, (String.join("\t", COLUMNS) + System.lineSeparator())
                        .getBytes(StandardCharsets.UTF_8), 0);
            } else {
                if (headerColumns(channel, length) < 0) {
                    throw new RefusedException(Refusal.NOT_A_JOBLOG, file);
                }
                ByteBuffer last = ByteBuffer.allocate(1);
                channel.read(last, length - 1);
                if (last.get(0) != '\n') {
                    writeFully(channel, LINE_END, length);
                }
            }
            channel.position(channel.size());
            return new JobLog(channel, lock, length);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The number of columns its first line names when that line is a joblog header, else -1. */
    private static int headerColumns(FileChannel channel, long length) throws IOException {
        ByteBuffer head = ByteBuffer.allocate((int) Math.min(length, HEADER_MAX_BYTES));
        while (head.hasRemaining() && channel.read(head, head.position()) > 0) {
            // reads until full or end of file
        }
        byte[] bytes = Arrays.copyOf(head.array(), head.position());
        int end = indexOf(bytes, (byte) '\n');
        if (end < 0 && length > HEADER_MAX_BYTES) {
            return -1;
        }
        String first;
        try {
            int firstLength = end < 0 ? bytes.length : end;
            first = decode(bytes, firstLength > 0 && bytes[firstLength - 1] == '\r' ? firstLength - 1 : firstLength);
        } catch (CharacterCodingException e) {
            return -1;
        }
        String[] names = first.split("\t", -1);
        // Later versions may add columns at the end; the first ones never change.
        if (names.length < COLUMNS.size() || !Arrays.asList(names).subList(0, COLUMNS.size()).equals(COLUMNS)) {
            return -1;
        }
        return names.length;
    }

    @Override
    public boolean wantsTaskStarts() {
        return false;
    }

    @Override
    public void onEvent(PoolEvent event) {
        if (event instanceof PoolEvent.TaskStarted started) {
            startMs.put(started.task(), started.timestampMs());
        } else if (event instanceof PoolEvent.TaskSucceeded done) {
            row(done.task(), done.line(), done.pid(), done.timestampMs(), done.elapsedMs(), SUCCEEDED, 0, "",
                    done.input());
        } else if (event instanceof PoolEvent.TaskFailed failure) {
            if (!failure.willRetry() && failure.cause() != FailureCause.NOT_RUN) {
                row(failure.task(), failure.line(), failure.pid(), failure.timestampMs(), failure.elapsedMs(),
                        FAILED, failure.exitValue(), failure.error(), failure.input());
            }
        }
    }

    private void row(int task, int line, long pid, long endMs, long runtimeMs, String status, int exitValue,
                     String error, String input) {
        Long started = startMs.remove(task);
        long start = started != null ? started : endMs - runtimeMs;
        String row = (task + 1) + "\t" + line + "\t" + pid + "\t" + start + "\t" + runtimeMs + "\t" + status + "\t"
                + exitValue + "\t" + escape(error) + "\t" + escape(input) + System.lineSeparator();
        append(row.getBytes(StandardCharsets.UTF_8));
    }

    /** One write per row, straight to the file: a row is whole and outlives this process once its task ends. */
    private synchronized void append(byte[] row) {
        if (firstError != null || !channel.isOpen()) {
            return;
        }
        try {
            ByteBuffer buffer = ByteBuffer.wrap(row);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } catch (IOException e) {
            firstError = e;
        }
    }

    private static void writeFully(FileChannel channel, byte[] bytes, long at) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            at += channel.write(buffer, at);
        }
    }

    /** Releases the lock and closes. @throws UncheckedIOException if any row could not be written */
    @Override
    public synchronized void close() throws IOException {
        if (!channel.isOpen()) {
            return;
        }
        try {
            lock.release();
        } finally {
            channel.close();
        }
        if (firstError != null) {
            throw new UncheckedIOException("the joblog could not be written", firstError);
        }
    }

    static String escape(String field) {
        return field.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    static String unescape(String field) {
        StringBuilder text = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 1 < field.length()) {
                char next = field.charAt(++i);
                text.append(switch (next) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> next;
                });
            } else {
                text.append(c);
            }
        }
        return text.toString();
    }

    /** What the rows earlier runs wrote show succeeded, and the rows that could not be read (never fatal). */
    public static final class Resumption {
        private final Set<String> succeeded;
        private final List<DamagedRow> ignoredRows;

        Resumption(Set<String> succeeded, List<DamagedRow> ignoredRows) {
            this.succeeded = succeeded;
            this.ignoredRows = ignoredRows;
        }

        /** Whether the task on this line of the list, with this input, succeeded in an earlier run. */
        public boolean succeeded(int line, String input) {
            return succeeded.contains(line + "\t" + input);
        }

        public List<DamagedRow> ignoredRows() {
            return ignoredRows;
        }
    }

    /**
     * The indices of tasks in {@code list} that the rows earlier runs wrote show succeeded (see
     * {@link #resumption()}).
     */
    public synchronized Succeeded succeededTasks(TaskList list) throws IOException {
        Resumption resumption = resumption();
        Set<Integer> skip = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            if (resumption.succeeded(list.line(i), list.input(i))) {
                skip.add(i);
            }
        }
        return new Succeeded(skip, resumption.ignoredRows());
    }

    /**
     * The tasks the rows earlier runs wrote show succeeded, known by line and input, so an edited list never
     * skips a task that changed. Read through this run's locked channel, so no other run can be writing
     * meanwhile. A row that is torn, not UTF-8 or malformed is ignored and reported, never fatal: its task
     * simply runs again. Holds a key per succeeded row, not the list: a streamed list is checked as it is read.
     */
    public synchronized Resumption resumption() throws IOException {
        Set<String> done = new HashSet<>();
        List<DamagedRow> damaged = new ArrayList<>();
        int columns = COLUMNS.size();
        ByteBuffer chunk = ByteBuffer.allocate(1 << 16);
        byte[] row = new byte[256];
        int rowLength = 0;
        long lineNumber = 0;
        for (long at = 0; at < earlierLength; ) {
            chunk.clear().limit((int) Math.min(chunk.capacity(), earlierLength - at));
            int n = channel.read(chunk, at);
            if (n <= 0) {
                break;
            }
            at += n;
            for (int i = 0; i < n; i++) {
                byte b = chunk.get(i);
                if (b != '\n') {
                    if (rowLength == row.length) {
                        row = Arrays.copyOf(row, row.length * 2);
                    }
                    row[rowLength++] = b;
                    continue;
                }
                lineNumber++;
                int length = rowLength > 0 && row[rowLength - 1] == '\r' ? rowLength - 1 : rowLength;
                rowLength = 0;
                if (lineNumber == 1 || length == 0) {
                    if (lineNumber == 1) {
                        columns = Math.max(columns, decodeOrEmpty(row, length).split("\t", -1).length);
                    }
                    continue;
                }
                String text;
                try {
                    text = decode(row, length);
                } catch (CharacterCodingException e) {
                    damaged.add(new DamagedRow(lineNumber, Damage.UNDECODABLE));
                    continue;
                }
                String[] fields = text.split("\t", -1);
                if (fields.length != columns || !(SUCCEEDED.equals(fields[5]) || FAILED.equals(fields[5]))) {
                    damaged.add(new DamagedRow(lineNumber, Damage.MALFORMED));
                } else if (SUCCEEDED.equals(fields[5])) {
                    done.add(fields[1] + "\t" + unescape(fields[8]));
                }
            }
        }
        if (rowLength > 0) {
            damaged.add(new DamagedRow(lineNumber + 1, Damage.TORN));
        }
        return new Resumption(done, List.copyOf(damaged));
    }

    private static String decode(byte[] bytes, int length) throws CharacterCodingException {
        CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder();
        return strict.decode(ByteBuffer.wrap(bytes, 0, length)).toString();
    }

    private static String decodeOrEmpty(byte[] bytes, int length) {
        try {
            return decode(bytes, length);
        } catch (CharacterCodingException e) {
            return "";
        }
    }

    private static int indexOf(byte[] bytes, byte wanted) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }
}
