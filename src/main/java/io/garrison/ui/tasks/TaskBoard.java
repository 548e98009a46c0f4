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
import javafx.collections.ObservableList;

/**
 * The state of every task of the current list, kept up to date from engine events, with the counts the
 * status bar shows. The state lives in compact columns ({@link TaskColumns}), not in an object per task.
 * {@link #versionProperty()} ticks once per applied batch so views refresh once per frame.
 * Threading: FX thread only.
 */
public final class TaskBoard {

    private final TaskRows rows = new TaskRows(new TaskColumns(TaskList.of()));
    private final IntegerProperty total = new SimpleIntegerProperty();
    private final IntegerProperty succeeded = new SimpleIntegerProperty();
    private final IntegerProperty failed = new SimpleIntegerProperty();
    private final IntegerProperty invalid = new SimpleIntegerProperty();
    private final IntegerProperty running = new SimpleIntegerProperty();
    private final IntegerProperty waiting = new SimpleIntegerProperty();
    private final LongProperty version = new SimpleLongProperty();
    private int waitingCursor;
    /** The tasks of the stream the board is drawn from; null while it shows a loaded list. */
    private StreamedInputs streamed;
    private final int[] counts = new int[TaskStatus.values().length];

    /** Replaces the rows with a freshly loaded list, all waiting except invalid lines. */
    public void load(TaskList list) {
        streamed = null;
        TaskColumns fresh = new TaskColumns(list);
        rows.replace(fresh);
        int bad = list.problems().size();
        total.set(fresh.size());
        invalid.set(bad);
        waiting.set(fresh.size() - bad);
        succeeded.set(0);
        failed.set(0);
        running.set(0);
        waitingCursor = 0;
        version.set(version.get() + 1);
    }

    /**
     * Empties the board for an event stream: its rows are then the tasks the stream's events name, added as they
     * are named (a stream says no list up front).
     */
    public void loadStream() {
        load(TaskList.of());
        streamed = new StreamedInputs();
        rows.replace(new TaskColumns(streamed));
        version.set(version.get() + 1);
    }

    /** Puts every row back to waiting for a new run of the same list. */
    public void resetForRun() {
        TaskColumns columns = rows.columns();
        columns.reset();
        int bad = columns.list().problems().size();
        invalid.set(bad);
        waiting.set(columns.size() - bad);
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
        // Kept for enter()'s bookkeeping only: the invalid count published is the list's, which a run leaves alone.
        counts[TaskStatus.INVALID.ordinal()] = invalid.get();
        TaskColumns columns = rows.columns();
        int sizeBefore = columns.size();
        if (streamed != null) {
            nameStreamedTasks(columns, batch);
        }
        boolean changed = columns.size() != sizeBefore;
        for (PoolEvent event : batch) {
            changed |= apply(columns, event);
        }
        if (changed) {
            total.set(columns.size());
            waiting.set(counts[TaskStatus.WAITING.ordinal()]);
            running.set(counts[TaskStatus.RUNNING.ordinal()]);
            succeeded.set(counts[TaskStatus.SUCCEEDED.ordinal()]);
            failed.set(counts[TaskStatus.FAILED.ordinal()]);
            version.set(version.get() + 1);
        }
    }

    /** Grows a stream's rows to the tasks {@code batch} names, each waiting until its event is applied. */
    private void nameStreamedTasks(TaskColumns columns, List<PoolEvent> batch) {
        for (PoolEvent event : batch) {
            if (event instanceof PoolEvent.TaskStarted e) {
                streamed.name(e.task(), e.line(), e.input());
            } else if (event instanceof PoolEvent.TaskSucceeded e) {
                streamed.name(e.task(), e.line(), e.input());
            } else if (event instanceof PoolEvent.TaskFailed e) {
                streamed.name(e.task(), e.line(), e.input());
            } else if (event instanceof PoolEvent.TaskProgress e) {
                streamed.name(e.task(), e.line(), null);
            }
        }
        int before = columns.size();
        columns.grow();
        counts[TaskStatus.WAITING.ordinal()] += columns.size() - before;
        rows.added(before);
    }

    private void enter(TaskColumns columns, int task, TaskStatus status) {
        counts[columns.status(task).ordinal()]--;
        columns.setStatus(task, status);
        counts[status.ordinal()]++;
    }

    private boolean apply(TaskColumns c, PoolEvent event) {
        if (event instanceof PoolEvent.TaskStarted e) {
            int task = e.task();
            if (!c.has(task)) {
                return false;
            }
            enter(c, task, TaskStatus.RUNNING);
            c.setPid(task, e.pid());
            c.setHost(task, e.host());
            c.setStartMs(task, e.timestampMs());
            c.setAttempt(task, e.attempt());
            c.setError(task, null);
            c.setDurationMs(task, -1);
            c.clearProgress(task);
            return true;
        } else if (event instanceof PoolEvent.TaskProgress e) {
            if (!c.has(e.task())) {
                return false;
            }
            c.setProgress(e.task(), e.done(), e.total());
            return true;
        } else if (event instanceof PoolEvent.TaskSucceeded e) {
            int task = e.task();
            if (!c.has(task)) {
                return false;
            }
            enter(c, task, TaskStatus.SUCCEEDED);
            c.setPid(task, e.pid());
            c.setHost(task, e.host());
            c.setDurationMs(task, e.elapsedMs());
            c.setResult(task, e.result());
            c.setOutput(task, e.output());
            c.clearProgress(task);
            if (c.startMs(task) == 0) {
                c.setStartMs(task, e.timestampMs() - e.elapsedMs());
            }
            return true;
        } else if (event instanceof PoolEvent.TaskFailed e) {
            int task = e.task();
            if (!c.has(task)) {
                return false;
            }
            c.setError(task, e.error());
            c.setOutput(task, e.output());
            c.setDurationMs(task, e.elapsedMs());
            c.clearProgress(task);
            if (e.pid() != 0) {
                c.setPid(task, e.pid());
                c.setHost(task, e.host());
            }
            c.setAttempt(task, e.attempt());
            if (e.willRetry()) {
                enter(c, task, TaskStatus.WAITING);
                waitingCursor = Math.min(waitingCursor, task);
            } else {
                enter(c, task, TaskStatus.FAILED);
            }
            return true;
        }
        return false;
    }

    /** Up to {@code max} waiting rows in queue order, for the parade ground's queue. Amortised O(max). */
    public List<TaskRow> nextWaiting(int max) {
        TaskColumns columns = rows.columns();
        while (waitingCursor < columns.size() && columns.status(waitingCursor) != TaskStatus.WAITING) {
            waitingCursor++;
        }
        List<TaskRow> next = new ArrayList<>(max);
        for (int i = waitingCursor; i < columns.size() && next.size() < max; i++) {
            if (columns.status(i) == TaskStatus.WAITING) {
                next.add(new TaskRow(columns, i));
            }
        }
        return next;
    }

    /**
     * Every task of the loaded list, in list order; rows are made as they are read. The list changes (one
     * whole replacement) only when another list loads; rows change in place, see {@link #versionProperty()}.
     */
    public ObservableList<TaskRow> rows() {
        return rows;
    }

    TaskColumns columns() {
        return rows.columns();
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

    /**
     * The lines of the loaded list that cannot run. A count of the list, not of a run: a run fails these lines
     * (they move to {@link #failedProperty()}) but they stay counted here until another list loads.
     */
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
