package io.garrison.ui.tasks;

/**
 * One task of the loaded list, as the table shows it. Deliberately plain fields, not JavaFX properties: a
 * million-line list must stay lean, and the table is refreshed once per frame instead of per change.
 * Threading: FX thread only.
 */
public final class TaskRow {

    private final int index;
    private final int line;
    private final String input;
    private final String problem;
    TaskStatus status;
    long pid;
    long startMs;
    long durationMs = -1;
    String result;
    String error;
    String output;
    int attempt;
    long progressDone;
    long progressTotal = -1;

    TaskRow(int index, int line, String input, String problem) {
        this.index = index;
        this.line = line;
        this.input = input;
        this.problem = problem;
        this.status = problem == null ? TaskStatus.WAITING : TaskStatus.INVALID;
        this.error = problem;
    }

    /** 0-based index among the list's tasks, as in engine events. */
    public int getIndex() {
        return index;
    }

    /** 1-based line in the list file. */
    public int getLine() {
        return line;
    }

    public String getInput() {
        return input;
    }

    /** {@code line N: reason} when the line cannot run; null for a valid line. */
    public String getProblem() {
        return problem;
    }

    public TaskStatus getStatus() {
        return status;
    }

    /** The worker that ran (or runs) it; 0 when none. */
    public long getPid() {
        return pid;
    }

    /** Epoch milliseconds of its last start; 0 when it never started. */
    public long getStartMs() {
        return startMs;
    }

    /** -1 until it finished. */
    public long getDurationMs() {
        return durationMs;
    }

    public String getResult() {
        return result;
    }

    public String getError() {
        return error;
    }

    /** What the task printed, captured for this task only; may be null. */
    public String getOutput() {
        return output;
    }

    public int getAttempt() {
        return attempt;
    }

    public long getProgressDone() {
        return progressDone;
    }

    public long getProgressTotal() {
        return progressTotal;
    }
}
