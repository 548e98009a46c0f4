package io.garrison.ui.tasks;

import io.garrison.engine.PoolEvent;
import io.garrison.task.TaskList;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The state of every task of the current list, kept up to date from engine events, with the counts the
 * status bar shows. {@link #versionProperty()} ticks once per applied batch so views refresh once per frame.
 * Threading: FX thread only.
 */
public final class TaskBoard {

    private final ObservableList<TaskRow> rows = FXCollections.observableArrayList();
    private final IntegerProperty total = new SimpleIntegerProperty();
    private final IntegerProperty succeeded = new SimpleIntegerProperty();
    private final IntegerProperty failed = new SimpleIntegerProperty();
    private final IntegerProperty invalid = new SimpleIntegerProperty();
    private final IntegerProperty running = new SimpleIntegerProperty();
    private final IntegerProperty waiting = new SimpleIntegerProperty();
    private final LongProperty version = new SimpleLongProperty();
    private int waitingCursor;
    private final int[] counts = new int[TaskStatus.values().length];

    /** Replaces the rows with a freshly loaded list, all waiting except invalid lines. */
    public void load(TaskList list) {
        List<TaskRow> fresh = new ArrayList<>(list.size());
        int bad = 0;
        for (int i = 0; i < list.size(); i++) {
            String problem = list.problem(i).orElse(null);
            if (problem != null) {
                bad++;
            }
            fresh.add(new TaskRow(i, list.line(i), list.input(i), problem));
        }
        rows.setAll(fresh);
        total.set(fresh.size());
        invalid.set(bad);
        waiting.set(fresh.size() - bad);
        succeeded.set(0);
        failed.set(0);
        running.set(0);
        waitingCursor = 0;
        version.set(version.get() + 1);
    }

    /** Puts every row back to waiting for a new run of the same list. */
    public void resetForRun() {
        int bad = 0;
        for (TaskRow row : rows) {
            boolean isInvalid = row.getProblem() != null;
            row.status = isInvalid ? TaskStatus.INVALID : TaskStatus.WAITING;
            row.error = row.getProblem();
            if (isInvalid) {
                bad++;
            }
            row.pid = 0;
            row.startMs = 0;
            row.durationMs = -1;
            row.result = null;
            row.output = null;
            row.attempt = 0;
            row.progressDone = 0;
            row.progressTotal = -1;
        }
        invalid.set(bad);
        waiting.set(rows.size() - bad);
        succeeded.set(0);
        failed.set(0);
        running.set(0);
        waitingCursor = 0;
        version.set(version.get() + 1);
    }

    /** Applies a batch of events in order. Events about unknown tasks (another submission) are ignored. */
    public void apply(List<PoolEvent> batch) {
        // Counts are kept in plain fields while the batch is applied and published once: every property
        // change would otherwise make the status bar format its text again.
        counts[TaskStatus.WAITING.ordinal()] = waiting.get();
        counts[TaskStatus.RUNNING.ordinal()] = running.get();
        counts[TaskStatus.SUCCEEDED.ordinal()] = succeeded.get();
        counts[TaskStatus.FAILED.ordinal()] = failed.get();
        counts[TaskStatus.INVALID.ordinal()] = invalid.get();
        boolean changed = false;
        for (PoolEvent event : batch) {
            changed |= apply(event);
        }
        if (changed) {
            waiting.set(counts[TaskStatus.WAITING.ordinal()]);
            running.set(counts[TaskStatus.RUNNING.ordinal()]);
            succeeded.set(counts[TaskStatus.SUCCEEDED.ordinal()]);
            failed.set(counts[TaskStatus.FAILED.ordinal()]);
            invalid.set(counts[TaskStatus.INVALID.ordinal()]);
            version.set(version.get() + 1);
        }
    }

    private void enter(TaskRow row, TaskStatus status) {
        counts[row.status.ordinal()]--;
        row.status = status;
        counts[status.ordinal()]++;
    }

    private boolean apply(PoolEvent event) {
        if (event instanceof PoolEvent.TaskStarted e) {
            TaskRow row = row(e.task());
            if (row == null) {
                return false;
            }
            enter(row, TaskStatus.RUNNING);
            row.pid = e.pid();
            row.startMs = e.timestampMs();
            row.attempt = e.attempt();
            row.error = null;
            row.durationMs = -1;
            row.progressDone = 0;
            row.progressTotal = -1;
            return true;
        } else if (event instanceof PoolEvent.TaskProgress e) {
            TaskRow row = row(e.task());
            if (row == null) {
                return false;
            }
            row.progressDone = e.done();
            row.progressTotal = e.total();
            return true;
        } else if (event instanceof PoolEvent.TaskSucceeded e) {
            TaskRow row = row(e.task());
            if (row == null) {
                return false;
            }
            enter(row, TaskStatus.SUCCEEDED);
            row.pid = e.pid();
            row.durationMs = e.elapsedMs();
            row.result = e.result();
            row.output = e.output();
            if (row.startMs == 0) {
                row.startMs = e.timestampMs() - e.elapsedMs();
            }
            return true;
        } else if (event instanceof PoolEvent.TaskFailed e) {
            TaskRow row = row(e.task());
            if (row == null) {
                return false;
            }
            row.error = e.error();
            row.output = e.output();
            row.durationMs = e.elapsedMs();
            if (e.pid() != 0) {
                row.pid = e.pid();
            }
            row.attempt = e.attempt();
            if (e.willRetry()) {
                enter(row, TaskStatus.WAITING);
                waitingCursor = Math.min(waitingCursor, row.getIndex());
            } else {
                enter(row, TaskStatus.FAILED);
            }
            return true;
        }
        return false;
    }

    private TaskRow row(int task) {
        return task >= 0 && task < rows.size() ? rows.get(task) : null;
    }

    /** Up to {@code max} waiting rows in queue order, for the parade ground's queue. Amortised O(max). */
    public List<TaskRow> nextWaiting(int max) {
        while (waitingCursor < rows.size() && rows.get(waitingCursor).status != TaskStatus.WAITING) {
            waitingCursor++;
        }
        List<TaskRow> next = new ArrayList<>(max);
        for (int i = waitingCursor; i < rows.size() && next.size() < max; i++) {
            if (rows.get(i).status == TaskStatus.WAITING) {
                next.add(rows.get(i));
            }
        }
        return next;
    }

    public ObservableList<TaskRow> rows() {
        return rows;
    }

    public ReadOnlyIntegerProperty totalProperty() {
        return total;
    }

    public ReadOnlyIntegerProperty succeededProperty() {
        return succeeded;
    }

    /** Final failures, including invalid lines once the run failed them. */
    public ReadOnlyIntegerProperty failedProperty() {
        return failed;
    }

    public ReadOnlyIntegerProperty invalidProperty() {
        return invalid;
    }

    public ReadOnlyIntegerProperty runningProperty() {
        return running;
    }

    public ReadOnlyIntegerProperty waitingProperty() {
        return waiting;
    }

    /** Increases whenever any row changed. */
    public ReadOnlyLongProperty versionProperty() {
        return version;
    }

    public int getTotal() {
        return total.get();
    }

    public int getSucceeded() {
        return succeeded.get();
    }

    public int getFailed() {
        return failed.get();
    }

    /** Tasks that reached a final state. */
    public int getFinished() {
        return succeeded.get() + failed.get();
    }
}
