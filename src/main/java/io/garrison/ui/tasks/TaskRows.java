package io.garrison.ui.tasks;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;
import javafx.collections.ObservableListBase;

/**
 * The board's tasks as an observable list of {@link TaskRow}s, each made on demand. It reports one change
 * only: the whole list replaced when another list loads. A task changing state is not a list change (the
 * table re-reads the rows it shows a few times a second instead), so a run of a million tasks fires no
 * per-task events. Read-only. Threading: FX thread only.
 */
final class TaskRows extends ObservableListBase<TaskRow> implements RandomAccess {

    private TaskColumns columns;

    TaskRows(TaskColumns columns) {
        this.columns = columns;
    }

    TaskColumns columns() {
        return columns;
    }

    void replace(TaskColumns fresh) {
        TaskColumns old = columns;
        columns = fresh;
        beginChange();
        nextReplace(0, fresh.size(), rowsOf(old));
        endChange();
    }

    /** Tells the table that rows {@code from} to the end are new: a stream named more tasks. */
    void added(int from) {
        if (from < columns.size()) {
            beginChange();
            nextAdd(from, columns.size());
            endChange();
        }
    }

    @Override
    public TaskRow get(int index) {
        return rowAt(columns, null, columns.size(), index);
    }

    @Override
    public int size() {
        return columns.size();
    }

    /** The rows of a list that is gone, made on demand too, for listeners that look at what was removed. */
    static List<TaskRow> rowsOf(TaskColumns columns) {
        return new RowsView(columns, null, columns.size());
    }

    /** Rows {@code indices[0..size)} of {@code columns}, or rows 0..size when {@code indices} is null. */
    static List<TaskRow> rowsOf(TaskColumns columns, int[] indices, int size) {
        return new RowsView(columns, indices, size);
    }

    /** Row {@code i} of the rows {@code indices[0..size)} of {@code columns} (rows 0..size when null). */
    static TaskRow rowAt(TaskColumns columns, int[] indices, int size, int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("row " + i + " of " + size);
        }
        return new TaskRow(columns, indices == null ? i : indices[i]);
    }

    private static final class RowsView extends AbstractList<TaskRow> implements RandomAccess {
        private final TaskColumns columns;
        private final int[] indices;
        private final int size;

        RowsView(TaskColumns columns, int[] indices, int size) {
            this.columns = columns;
            this.indices = indices;
            this.size = size;
        }

        @Override
        public TaskRow get(int i) {
            return rowAt(columns, indices, size, i);
        }

        @Override
        public int size() {
            return size;
        }
    }
}
