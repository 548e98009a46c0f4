package io.garrison.ui.tasks;

import java.util.Objects;

/**
 * One task of the loaded list, as the table shows it: a window onto the board's columns, made when asked
 * for (the table asks only for the rows it shows), so a million-line list holds no object per task. It reads
 * the task's current state; two rows of the same task of the same loaded list are equal.
 * Threading: FX thread only.
 */
public final class TaskRow {

    private final TaskColumns columns;
    private final int index;

    TaskRow(TaskColumns columns, int index) {
        this.columns = columns;
        this.index = index;
    }

    /** 0-based index among the list's tasks, as in engine events. */
    public int getIndex() {
        return index;
    }

    /** 1-based line in the list file. */
    public int getLine() {
        return columns.list().line(index);
    }

    public String getInput() {
        return columns.list().input(index);
    }

    /** {@code line N: reason} when the line cannot run; null for a valid line. */
    public String getProblem() {
        return columns.list().problems().get(index);
    }

    public TaskStatus getStatus() {
        return columns.status(index);
    }

    /** The worker that ran (or runs) it; 0 when none. */
    public long getPid() {
        return columns.pid(index);
    }

    /** Where the task's worker runs: {@link io.garrison.engine.WorkerId#LOCAL} for this machine. */
    public String getHost() {
        return columns.host(index);
    }

    /** The worker as people read it: its PID, with its host when that is another machine ({@code lab · 4242}). */
    public String getWorker() {
        long pid = getPid();
        if (pid == 0) {
            return "";
        }
        String host = getHost();
        return io.garrison.engine.WorkerId.LOCAL.equals(host) ? Long.toString(pid) : host + " \u00b7 " + pid;
    }

    /** Epoch milliseconds of its last start; 0 when it never started. */
    public long getStartMs() {
        return columns.startMs(index);
    }

    /** -1 until it finished. */
    public long getDurationMs() {
        return columns.durationMs(index);
    }

    public String getResult() {
        return columns.result(index);
    }

    public String getError() {
        return columns.error(index);
    }

    /** What the task printed, captured for this task only; may be null. */
    public String getOutput() {
        return columns.output(index);
    }

    public int getAttempt() {
        return columns.attempt(index);
    }

    public long getProgressDone() {
        return columns.progressDone(index);
    }

    public long getProgressTotal() {
        return columns.progressTotal(index);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TaskRow row && row.columns == columns && row.index == index;
    }

    @Override
    public int hashCode() {
        return Objects.hash(System.identityHashCode(columns), index);
    }

    @Override
    public String toString() {
        return "TaskRow[" + index + ", " + getStatus() + "]";
    }
}
