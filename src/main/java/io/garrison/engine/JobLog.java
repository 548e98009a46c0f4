package io.garrison.engine;

import io.garrison.task.TaskList;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
 */
public final class JobLog implements PoolListener, Closeable {

    public static final List<String> COLUMNS =
            List.of("seq", "line", "pid", "start_ms", "runtime_ms", "status", "exitval", "error", "input");
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";
    private static final long FLUSH_EVERY_MS = 250;

    private final BufferedWriter out;
    private final Map<Integer, Long> startMs = new HashMap<>();
    private long lastFlush = System.currentTimeMillis();
    private IOException firstError;

    private JobLog(BufferedWriter out) {
        this.out = out;
    }

    /** Opens a joblog for writing; appends when it exists (a resumed run), else writes the header first. */
    public static JobLog open(Path file) throws IOException {
        boolean fresh = Files.notExists(file) || Files.size(file) == 0;
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        if (fresh) {
            out.write(String.join("\t", COLUMNS));
            out.newLine();
            out.flush();
        }
        return new JobLog(out);
    }

    @Override
    public boolean wantsTaskStarts() {
        return false;
    }

    @Override
    public void onEvent(PoolEvent event) {
        try {
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
            } else if (event instanceof PoolEvent.RunFinished) {
                flush();
            }
        } catch (IOException e) {
            if (firstError == null) {
                firstError = e;
            }
        }
    }

    private void row(int task, int line, long pid, long endMs, long runtimeMs, String status, int exitValue,
                     String error, String input) throws IOException {
        Long started = startMs.remove(task);
        long start = started != null ? started : endMs - runtimeMs;
        out.write((task + 1) + "\t" + line + "\t" + pid + "\t" + start + "\t" + runtimeMs + "\t" + status + "\t"
                + exitValue + "\t" + escape(error) + "\t" + escape(input));
        out.newLine();
        if (endMs - lastFlush >= FLUSH_EVERY_MS) {
            flush();
        }
    }

    private void flush() throws IOException {
        out.flush();
        lastFlush = System.currentTimeMillis();
    }

    /** Flushes and closes. @throws UncheckedIOException if any row could not be written */
    @Override
    public void close() throws IOException {
        out.close();
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

    /**
     * The indices of tasks in {@code list} that a joblog shows succeeded: same line and same input, so an
     * edited list never skips a task that changed.
     */
    public static Set<Integer> succeededTasks(Path joblog, TaskList list) throws IOException {
        Set<String> done = new HashSet<>();
        if (Files.notExists(joblog)) {
            return Set.of();
        }
        List<String> rows = Files.readAllLines(joblog, StandardCharsets.UTF_8);
        for (int r = 1; r < rows.size(); r++) {
            String[] fields = rows.get(r).split("\t", -1);
            if (fields.length == COLUMNS.size() && SUCCEEDED.equals(fields[5])) {
                done.add(fields[1] + "\t" + unescape(fields[8]));
            }
        }
        Set<Integer> skip = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            if (done.contains(list.line(i) + "\t" + list.input(i))) {
                skip.add(i);
            }
        }
        return skip;
    }
}
