package io.garrison.ui.tasks;

import io.garrison.ui.i18n.I18n;
import java.util.function.Function;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.beans.WeakInvalidationListener;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;

/**
 * A table cell showing one value of its row, read again when the table ticks or the language changes. The
 * column's own values are plain constants: values that observed the table's tick, made anew whenever a cell
 * showed a row, stayed registered on it until collected, and the tick after a collection then removed
 * thousands of dead ones one by one (frames of 100-450 ms of FX time mid-run in the stress demo).
 * Threading: FX thread only.
 */
final class LiveCell<T> extends TableCell<TaskRow, T> {

    private final Function<TaskRow, T> value;
    // Held here and observed weakly: the tick and the language outlive the cells the table drops.
    private final InvalidationListener reread = obs -> reread();

    LiveCell(Function<TaskRow, T> value, Observable tick) {
        this.value = value;
        tick.addListener(new WeakInvalidationListener(reread));
        I18n.localeProperty().addListener(new WeakInvalidationListener(reread));
    }

    @Override
    protected void updateItem(T item, boolean empty) {
        super.updateItem(item, empty);
        setText(empty || item == null ? null : item.toString());
    }

    private void reread() {
        TableRow<TaskRow> row = getTableRow();
        if (isEmpty() || row == null || row.getItem() == null) {
            return;
        }
        T now = value.apply(row.getItem());
        setText(now == null ? null : now.toString());
    }
}
