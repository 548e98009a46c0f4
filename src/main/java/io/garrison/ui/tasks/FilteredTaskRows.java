package io.garrison.ui.tasks;

import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableListBase;
import javafx.collections.WeakListChangeListener;

/**
 * The board's rows seen through a status filter, for the table: with no filter, the board's rows as they
 * are; with one, the matching tasks' indices in an int array (where JavaFX's FilteredList keeps an int per
 * task of the source plus the row objects it filters). Matches are recomputed on {@link #refilter()}, which
 * the table calls a few times a second, not per event. Threading: FX thread only.
 */
final class FilteredTaskRows extends ObservableListBase<TaskRow> implements RandomAccess {

    private final TaskBoard board;
    // A field, so the weak listener on the board lives exactly as long as this list.
    private final ListChangeListener<TaskRow> onLoad = change -> refilter();
    private TaskStatus wanted;
    private TaskColumns shown;
    /** The indices shown, or null for every task of {@link #shown}. */
    private int[] shownMatches;
    private int size;
    // Refilters of an unchanged table (most of them) reuse this buffer instead of allocating one per refresh.
    private int[] spare = new int[0];

    FilteredTaskRows(TaskBoard board) {
        this.board = board;
        this.shown = board.columns();
        this.size = shown.size();
        board.rows().addListener(new WeakListChangeListener<>(onLoad));
    }

    /** Shows only tasks in {@code status}; null shows every task. */
    void setFilter(TaskStatus status) {
        wanted = status;
        refilter();
    }

    /** Recomputes which tasks match; fires a change (one whole replacement) only when they differ. */
    void refilter() {
        TaskColumns columns = board.columns();
        if (wanted == null) {
            if (columns == shown && shownMatches == null && size < columns.size()) {
                // A stream named more tasks: rows are added at the end; the table keeps the cells it has.
                int from = size;
                size = columns.size();
                beginChange();
                nextAdd(from, size);
                endChange();
            } else if (columns != shown || shownMatches != null || size != columns.size()) {
                show(columns, null, columns.size());
            }
            return;
        }
        int[] fresh = spare;
        int n = 0;
        for (int i = 0; i < columns.size(); i++) {
            if (columns.status(i) == wanted) {
                if (n == fresh.length) {
                    fresh = Arrays.copyOf(fresh, Math.max(64, n + (n >> 1)));
                }
                fresh[n++] = i;
            }
        }
        if (columns == shown && shownMatches != null && n == size && Arrays.equals(fresh, 0, n, shownMatches, 0, n)) {
            spare = fresh;
            return;
        }
        show(columns, fresh, n);
    }

    private void show(TaskColumns columns, int[] indices, int n) {
        List<TaskRow> removed = TaskRows.rowsOf(shown, shownMatches, size);
        int[] old = shownMatches;
        shown = columns;
        shownMatches = indices;
        size = n;
        beginChange();
        nextReplace(0, n, removed);
        endChange();
        spare = old == null ? new int[0] : old;
    }

    @Override
    public TaskRow get(int index) {
        return TaskRows.rowAt(shown, shownMatches, size, index);
    }

    @Override
    public int size() {
        return size;
    }
}
