package io.garrison.ui.tasks;

import io.garrison.engine.WorkerId;
import io.garrison.task.TaskList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where every task of one loaded list stands, as columns of primitive arrays instead of an object per task:
 * a million-line list costs about 1 MB here until a run starts, and about 18 MB during one, where an object
 * per task cost about 100 MB. Inputs, lines and problems stay in the {@link TaskList} and are not copied.
 * Texts that few tasks have (errors, captured output, progress) live in maps keyed by task index.
 *
 * <p>Threading: FX thread only. Replaced, not cleared, when another list loads, so a {@link TaskRow} keeps
 * reading the list it came from.
 */
final class TaskColumns {

    private static final TaskStatus[] STATUSES = TaskStatus.values();
    /**
     * Start times are kept as int offsets from this far before the first one seen, which covers starts up to
     * about 12 days before and after it and halves the column (epoch milliseconds need a long).
     */
    private static final long START_SLACK_MS = 1L << 30;
    /** Hosts a byte can name; a pool with more shows the later ones as this machine's. */
    private static final int MAX_HOSTS = 256;

    private final TaskInputs list;
    private byte[] status;
    // The columns below exist only once a run has touched the list: a list merely loaded needs none.
    private int[] pid;
    private int[] start;
    private int[] durationPlusOne;
    private byte[] attempt;
    private String[] result;
    private long startBase;
    /** Index into {@link #hostNames}, per task; null while every task ran on this machine. */
    private byte[] host;
    private final List<String> hostNames = new ArrayList<>(List.of(WorkerId.LOCAL));
    private final Map<Integer, String> errors = new HashMap<>();
    private final Map<Integer, String> outputs = new HashMap<>();
    private final Map<Integer, long[]> progress = new HashMap<>();

    /** Tasks the list has (a stream's: those named so far, less than the columns' capacity). */
    private int size;

    TaskColumns(TaskList list) {
        this(TaskInputs.of(list));
    }

    TaskColumns(TaskInputs list) {
        this.list = list;
        this.size = list.size();
        this.status = new byte[size];
        reset();
    }

    int size() {
        return size;
    }

    /** Whether {@code task} is one of this list's tasks (events of other submissions are not). */
    boolean has(int task) {
        return task >= 0 && task < size;
    }

    TaskInputs list() {
        return list;
    }

    /**
     * Takes in the tasks a stream's list has named since (its {@link TaskInputs#size()} grew), each waiting. The
     * columns' capacity doubles, so a stream of a million tasks grows them some twenty times, not a million.
     */
    void grow() {
        int fresh = list.size();
        if (fresh <= size) {
            return;
        }
        if (fresh > status.length) {
            int capacity = Math.max(fresh, status.length * 2);
            status = Arrays.copyOf(status, capacity);
            if (pid != null) {
                pid = Arrays.copyOf(pid, capacity);
                start = Arrays.copyOf(start, capacity);
                durationPlusOne = Arrays.copyOf(durationPlusOne, capacity);
                attempt = Arrays.copyOf(attempt, capacity);
                result = Arrays.copyOf(result, capacity);
            }
            if (host != null) {
                host = Arrays.copyOf(host, capacity);
            }
        }
        Arrays.fill(status, size, fresh, (byte) TaskStatus.WAITING.ordinal());
        size = fresh;
    }

    /** Back to the state right after loading: waiting, except invalid lines. */
    void reset() {
        byte waiting = (byte) TaskStatus.WAITING.ordinal();
        Arrays.fill(status, waiting);
        for (int task : list.problems().keySet()) {
            status[task] = (byte) TaskStatus.INVALID.ordinal();
        }
        pid = null;
        start = null;
        durationPlusOne = null;
        attempt = null;
        result = null;
        startBase = 0;
        errors.clear();
        outputs.clear();
        progress.clear();
    }

    private void touch() {
        if (pid == null) {
            int n = status.length;
            pid = new int[n];
            start = new int[n];
            durationPlusOne = new int[n];
            attempt = new byte[n];
            result = new String[n];
        }
    }

    TaskStatus status(int task) {
        return STATUSES[status[task]];
    }

    void setStatus(int task, TaskStatus value) {
        status[task] = (byte) value.ordinal();
    }

    long pid(int task) {
        return pid == null ? 0 : Integer.toUnsignedLong(pid[task]);
    }

    void setPid(int task, long value) {
        touch();
        // OS PIDs fit an int (Linux caps them at 2^22, Windows and macOS well under 2^32).
        pid[task] = (int) value;
    }

    /** The host of the task's worker: {@link WorkerId#LOCAL} unless a worker on another host ran it. */
    String host(int task) {
        return host == null ? WorkerId.LOCAL : hostNames.get(Byte.toUnsignedInt(host[task]));
    }

    void setHost(int task, String name) {
        if (host == null && WorkerId.LOCAL.equals(name)) {
            return;
        }
        if (host == null) {
            // A column only once a task runs elsewhere than on this machine: most pools never have one.
            host = new byte[status.length];
        }
        int index = hostNames.indexOf(name);
        if (index < 0 && hostNames.size() < MAX_HOSTS) {
            hostNames.add(name);
            index = hostNames.size() - 1;
        }
        host[task] = (byte) Math.max(0, index);
    }

    long startMs(int task) {
        return pid == null || start[task] == 0 ? 0 : startBase + Integer.toUnsignedLong(start[task]);
    }

    void setStartMs(int task, long epochMs) {
        touch();
        if (epochMs == 0) {
            start[task] = 0;
            return;
        }
        if (startBase == 0) {
            startBase = epochMs - START_SLACK_MS;
        }
        long offset = epochMs - startBase;
        start[task] = (int) Math.max(1, Math.min(offset, 0xFFFF_FFFFL));
    }

    long durationMs(int task) {
        return pid == null ? -1 : durationPlusOne[task] - 1L;
    }

    void setDurationMs(int task, long ms) {
        touch();
        durationPlusOne[task] = (int) Math.max(0, Math.min(ms + 1, Integer.MAX_VALUE));
    }

    int attempt(int task) {
        return attempt == null ? 0 : attempt[task] & 0xFF;
    }

    void setAttempt(int task, int value) {
        touch();
        attempt[task] = (byte) Math.max(0, Math.min(value, 255));
    }

    String result(int task) {
        return result == null ? null : result[task];
    }

    void setResult(int task, String value) {
        touch();
        result[task] = value;
    }

    /** The last error; an invalid line's problem until a run says otherwise. */
    String error(int task) {
        String error = errors.get(task);
        if (error != null || errors.containsKey(task)) {
            return error;
        }
        return list.problems().get(task);
    }

    void setError(int task, String value) {
        // null is kept when it hides an invalid line's problem, so a cleared error reads as cleared.
        if (value == null && !list.problems().containsKey(task)) {
            errors.remove(task);
        } else {
            errors.put(task, value);
        }
    }

    String output(int task) {
        return outputs.get(task);
    }

    void setOutput(int task, String value) {
        if (value == null || value.isEmpty()) {
            outputs.remove(task);
        } else {
            outputs.put(task, value);
        }
    }

    long progressDone(int task) {
        long[] p = progress.get(task);
        return p == null ? 0 : p[0];
    }

    long progressTotal(int task) {
        long[] p = progress.get(task);
        return p == null ? -1 : p[1];
    }

    void setProgress(int task, long done, long total) {
        progress.put(task, new long[] {done, total});
    }

    void clearProgress(int task) {
        progress.remove(task);
    }
}
