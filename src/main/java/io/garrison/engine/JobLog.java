package io.garrison.engine;

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
import java.util.TreeMap;

/**
 * A joblog in the spirit of GNU parallel's: TSV with a header row, one row per finished task, in one of two
 * {@linkplain JoblogFormat formats}: Garrison's ({@code seq line pid start_ms runtime_ms status exitval error
 * input}, tabs and newlines inside a field written as {@code \t} and {@code \n}) or parallel's own. Tasks that
 * never ran because the run stopped are left out, so {@code --resume} runs them next time. A file keeps the
 * format its header names.
 *
 * <p>One run owns the file from {@link #open} to {@link #close}: it holds an exclusive lock on it, so a second
 * run on the same joblog is refused instead of interleaving its rows with ours. Each row reaches the file in one
 * write when its task ends, so a parent killed at any moment leaves whole rows for every task it heard finish
 * (at most a torn last row, which the next open ends and {@link #succeededTasks} ignores).
 *
 * <p>Threading: {@link #onEvent} runs on the pool's event thread; {@link #succeededTasks}, {@link #failedCommands},
 * {@link #commands} and {@link #close} on any thread. Writes and close are serialized on this object.
 */
public final class JobLog implements PoolListener, Closeable {

    public static final List<String> COLUMNS = JoblogFormat.GARRISON.columns();
    /** The column after {@link #COLUMNS} of a joblog of a run on several hosts: where the task ran. */
    public static final String HOST_COLUMN = "host";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";
    /** A header is about 60 bytes; a first line longer than this is no joblog's. */
    private static final int HEADER_MAX_BYTES = 4096;
    private static final byte[] LINE_END = System.lineSeparator().getBytes(StandardCharsets.UTF_8);

    /** Why {@link #open} refused a file. */
    public enum Refusal {
        /** The file holds something else (its first line is neither format's header); it was left untouched. */
        NOT_A_JOBLOG,
        /** Another run (another process, or another open in this one) is writing it now. */
        IN_USE,
        /** It is a joblog in another format than the one asked for ({@link RefusedException#found()}). */
        OTHER_FORMAT
    }

    /** {@link #open} would not write this file; it is unchanged. */
    public static final class RefusedException extends IOException {
        private final Refusal refusal;
        private final transient Path file;
        private final JoblogFormat found;

        RefusedException(Refusal refusal, Path file, JoblogFormat found) {
            super(switch (refusal) {
                case NOT_A_JOBLOG -> "not a joblog (its first line is not a joblog header): " + file;
                case IN_USE -> "the joblog is in use by another run: " + file;
                case OTHER_FORMAT -> "the joblog is in the " + found + " format: " + file;
            });
            this.refusal = refusal;
            this.file = file;
            this.found = found;
        }

        public Refusal refusal() {
            return refusal;
        }

        public Path file() {
            return file;
        }

        /** The format the file has, for {@link Refusal#OTHER_FORMAT}; else null. */
        public JoblogFormat found() {
            return found;
        }
    }

    /** Why a row was ignored when the joblog was read. */
    public enum Damage {
        /** The file ends inside it: the run writing it was cut off. */
        TORN,
        /** Its bytes are not UTF-8 (a file cut inside a character, or binary data). */
        UNDECODABLE,
        /**
         * A number of columns other than the header's, or a status that is neither succeeded nor failed (Garrison's
         * format); a Seq, Exitval or Signal that is not a whole number (parallel's).
         */
        MALFORMED
    }

    /** A row {@link #succeededTasks} or {@link #failedCommands} ignored: its 1-based line in the file, and why. */
    public record DamagedRow(long line, Damage damage) {
    }

    /** A command parallel's {@code --retry-failed} would run again, with the Seq its rows have. */
    public record FailedCommand(int seq, String command) {
    }

    /** The commands of a parallel-format joblog that failed and never succeeded, in Seq order; unreadable rows. */
    public record Failed(List<FailedCommand> commands, List<DamagedRow> ignoredRows) {
    }

    /** Reads one row's text (no line end); false when the row is malformed. Line 1 is the header. */
    @FunctionalInterface
    private interface RowReader {
        boolean read(long lineNumber, String text);
    }

    /** Guarded by this. */
    private final FileChannel channel;
    private final FileLock lock;
    private final JoblogFormat format;
    /** Whether rows in Garrison's format end with the host column: the header has it. */
    private final boolean writesHost;
    /** The file's length when opened: what earlier runs wrote, before this one ended a torn row. */
    private final long earlierLength;
    /** Only touched on the event thread. */
    private final Map<Integer, Long> startMs = new HashMap<>();
    /** Set before the run starts, read on the event thread. */
    private volatile JoblogCommands commands = JoblogCommands.INPUTS;
    /** Guarded by this. */
    private IOException firstError;

    private JobLog(FileChannel channel, FileLock lock, JoblogFormat format, long earlierLength, boolean writesHost) {
        this.channel = channel;
        this.lock = lock;
        this.format = format;
        this.earlierLength = earlierLength;
        this.writesHost = writesHost;
    }

    /** {@link #open(Path, JoblogFormat)} in the format the file has, Garrison's for a new one. */
    public static JobLog open(Path file) throws IOException {
        return open(file, null);
    }

    /**
     * Opens a joblog for writing and locks it for this run. A missing or empty file gets the header of
     * {@code format} (Garrison's when null); an existing joblog is appended to in the format its header names,
     * after its torn last row (if any) is ended so that ours never glue onto it.
     *
     * @param format the format wanted, or null for whichever the file has
     * @throws RefusedException if the file is not a joblog, is one in another format than {@code format}, or
     *                          another run holds it; the file is then unchanged
     */
    public static JobLog open(Path file, JoblogFormat format) throws IOException {
        return open(file, format, false);
    }

    /**
     * {@link #open(Path, JoblogFormat)}, and with {@code hostColumn} a new joblog in Garrison's format gets a
     * last column, {@code host}, naming where each task ran: for a run with workers on other hosts, where a PID
     * alone names no process. Runs on this machine keep the nine columns scripts know; an existing joblog keeps
     * the columns its header has.
     */
    public static JobLog open(Path file, JoblogFormat format, boolean hostColumn) throws IOException {
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
                throw new RefusedException(Refusal.IN_USE, file, null);
            }
            long length = channel.size();
            JoblogFormat found;
            boolean writesHost;
            if (length == 0) {
                found = format == null ? JoblogFormat.GARRISON : format;
                writesHost = hostColumn && found == JoblogFormat.GARRISON;
                String header = writesHost ? found.headerWith(HOST_COLUMN) : found.header();
                writeFully(channel, header.getBytes(StandardCharsets.UTF_8), 0);
            } else {
                String first = firstLine(channel, length);
                found = first == null ? null : JoblogFormat.ofHeader(first).orElse(null);
                writesHost = found == JoblogFormat.GARRISON && hasHostColumn(first);
                if (found == null) {
                    throw new RefusedException(Refusal.NOT_A_JOBLOG, file, null);
                }
                if (format != null && format != found) {
                    throw new RefusedException(Refusal.OTHER_FORMAT, file, found);
                }
                ByteBuffer last = ByteBuffer.allocate(1);
                channel.read(last, length - 1);
                if (last.get(0) != '\n') {
                    writeFully(channel, LINE_END, length);
                }
            }
            channel.position(channel.size());
            return new JobLog(channel, lock, found, length, writesHost);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static boolean hasHostColumn(String header) {
        String[] names = header.split("\t", -1);
        int at = JoblogFormat.GARRISON.columns().size();
        return names.length > at && names[at].equals(HOST_COLUMN);
    }

    /** The file's first line without its line end, else null when it is too long or not UTF-8. */
    private static String firstLine(FileChannel channel, long length) throws IOException {
        ByteBuffer head = ByteBuffer.allocate((int) Math.min(length, HEADER_MAX_BYTES));
        while (head.hasRemaining() && channel.read(head, head.position()) > 0) {
            // reads until full or end of file
        }
        byte[] bytes = Arrays.copyOf(head.array(), head.position());
        int end = indexOf(bytes, (byte) '\n');
        if (end < 0 && length > HEADER_MAX_BYTES) {
            return null;
        }
        try {
            int firstLength = end < 0 ? bytes.length : end;
            return decode(bytes, firstLength > 0 && bytes[firstLength - 1] == '\r' ? firstLength - 1 : firstLength);
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    public JoblogFormat format() {
        return format;
    }

    /** How rows in parallel's format name each task; call before the run starts. */
    public void commands(JoblogCommands commandLines) {
        this.commands = commandLines;
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
            long start = start(done.task(), done.timestampMs(), done.elapsedMs());
            append(switch (format) {
                case GARRISON -> garrisonRow(done.task(), done.line(), done.pid(), start, done.elapsedMs(), SUCCEEDED,
                        0, "", done.input(), done.host());
                case PARALLEL -> ParallelRow.format(commands.seq(done.task(), done.line()), done.host(), start,
                        done.elapsedMs(),
                        utf8Length(done.output()), 0, 0, commands.commandLine(done.task(), done.input()));
            });
        } else if (event instanceof PoolEvent.TaskFailed failure) {
            if (!failure.willRetry() && failure.cause() != FailureCause.NOT_RUN) {
                long start = start(failure.task(), failure.timestampMs(), failure.elapsedMs());
                append(switch (format) {
                    case GARRISON -> garrisonRow(failure.task(), failure.line(), failure.pid(), start,
                            failure.elapsedMs(), FAILED, failure.exitValue(), failure.error(), failure.input(),
                            failure.host());
                    case PARALLEL -> ParallelRow.format(commands.seq(failure.task(), failure.line()), failure.host(),
                            start,
                            failure.elapsedMs(), utf8Length(failure.output()),
                            ParallelRow.exitval(failure.cause(), failure.exitValue()),
                            ParallelRow.signal(failure.cause(), failure.exitValue()),
                            commands.commandLine(failure.task(), failure.input()));
                });
            }
        }
    }

    private long start(int task, long endMs, long runtimeMs) {
        Long started = startMs.remove(task);
        return started != null ? started : endMs - runtimeMs;
    }

    private String garrisonRow(int task, int line, long pid, long start, long runtimeMs, String status,
                               int exitValue, String error, String input, String host) {
        return (task + 1) + "\t" + line + "\t" + pid + "\t" + start + "\t" + runtimeMs + "\t" + status + "\t"
                + exitValue + "\t" + escape(error) + "\t" + escape(input) + (writesHost ? "\t" + escape(host) : "")
                + System.lineSeparator();
    }

    /** Parallel's Receive: the bytes of output the task gave, as Garrison captured it (stdout and stderr). */
    private static long utf8Length(String output) {
        return output == null ? 0 : output.getBytes(StandardCharsets.UTF_8).length;
    }

    /** One write per row, straight to the file: a row is whole and outlives this process once its task ends. */
    private synchronized void append(String row) {
        if (firstError != null || !channel.isOpen()) {
            return;
        }
        try {
            ByteBuffer buffer = ByteBuffer.wrap(row.getBytes(StandardCharsets.UTF_8));
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
        private final JoblogFormat format;
        private final Set<String> succeeded;
        private final List<DamagedRow> ignoredRows;

        Resumption(JoblogFormat format, Set<String> succeeded, List<DamagedRow> ignoredRows) {
            this.format = format;
            this.succeeded = succeeded;
            this.ignoredRows = ignoredRows;
        }

        /** Whether the task on this line of the list, with this input, succeeded in an earlier run. */
        public boolean succeeded(int line, String input) {
            return succeeded.contains(format == JoblogFormat.PARALLEL ? Integer.toString(line) : line + "\t" + input);
        }

        public List<DamagedRow> ignoredRows() {
            return ignoredRows;
        }
    }

    /**
     * The tasks the rows earlier runs wrote show succeeded. In Garrison's format a row names its task by line and
     * input, so an edited list never skips a task that changed; in parallel's a row names it by Seq alone, as
     * parallel matches it, and Seq is the task's line. Read through this run's locked channel, so no other run can
     * be writing meanwhile. A row that is torn, not UTF-8 or malformed is ignored and reported, never fatal: its
     * task simply runs again. Holds a key per succeeded row, not the list: a streamed list is checked as it is read.
     */
    public synchronized Resumption resumption() throws IOException {
        Set<String> done = new HashSet<>();
        int[] columns = {COLUMNS.size()};
        List<DamagedRow> damaged = readRows((lineNumber, text) -> {
            if (format == JoblogFormat.PARALLEL) {
                ParallelRow row = lineNumber == 1 ? null : ParallelRow.parse(text);
                if (row != null && row.succeeded()) {
                    done.add(Integer.toString(row.seq()));
                }
                return lineNumber == 1 || row != null;
            }
            String[] fields = text.split("\t", -1);
            if (lineNumber == 1) {
                columns[0] = Math.max(columns[0], fields.length);
                return true;
            }
            if (fields.length != columns[0] || !(SUCCEEDED.equals(fields[5]) || FAILED.equals(fields[5]))) {
                return false;
            }
            if (SUCCEEDED.equals(fields[5])) {
                done.add(fields[1] + "\t" + unescape(fields[8]));
            }
            return true;
        });
        return new Resumption(format, done, damaged);
    }

    /**
     * What parallel's {@code --retry-failed} runs again from this joblog: for each Seq with no successful row,
     * the command of its last failed row. Parallel's format only; Garrison's has no commands.
     *
     * @throws IllegalStateException if this joblog is in Garrison's format
     */
    public synchronized Failed failedCommands() throws IOException {
        if (format != JoblogFormat.PARALLEL) {
            throw new IllegalStateException("a joblog in Garrison's format has no commands");
        }
        Set<Integer> succeeded = new HashSet<>();
        Map<Integer, String> failed = new TreeMap<>();
        List<DamagedRow> damaged = readRows((lineNumber, text) -> {
            ParallelRow row = lineNumber == 1 ? null : ParallelRow.parse(text);
            if (row != null && row.succeeded()) {
                succeeded.add(row.seq());
            } else if (row != null) {
                failed.put(row.seq(), row.command());
            }
            return lineNumber == 1 || row != null;
        });
        List<FailedCommand> commands = new ArrayList<>();
        failed.forEach((seq, command) -> {
            if (!succeeded.contains(seq)) {
                commands.add(new FailedCommand(seq, command));
            }
        });
        return new Failed(List.copyOf(commands), damaged);
    }

    /**
     * Hands {@code reader} each line earlier runs wrote, the header first (empty when it is not UTF-8), skipping
     * empty lines; returns the rows it could not read.
     */
    private List<DamagedRow> readRows(RowReader reader) throws IOException {
        List<DamagedRow> damaged = new ArrayList<>();
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
                if (lineNumber == 1) {
                    reader.read(lineNumber, decodeOrEmpty(row, length));
                    continue;
                }
                if (length == 0) {
                    continue;
                }
                try {
                    if (!reader.read(lineNumber, decode(row, length))) {
                        damaged.add(new DamagedRow(lineNumber, Damage.MALFORMED));
                    }
                } catch (CharacterCodingException e) {
                    damaged.add(new DamagedRow(lineNumber, Damage.UNDECODABLE));
                }
            }
        }
        if (rowLength > 0) {
            damaged.add(new DamagedRow(lineNumber + 1, Damage.TORN));
        }
        return List.copyOf(damaged);
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
