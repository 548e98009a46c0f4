package io.garrison.ui.tasks;

import io.garrison.ui.i18n.I18n;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;
import javafx.beans.InvalidationListener;
import javafx.beans.WeakInvalidationListener;
import javafx.beans.binding.Bindings;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleLongProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.WeakListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.Dialog;
import javafx.scene.control.ButtonType;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/**
 * The task table: every task of the list (virtualised, so a million rows scroll smoothly), filterable by
 * status; invalid and failed rows are highlighted; double-clicking a row shows the task's captured output.
 * Refreshed at most {@value #REFRESHES_PER_SECOND} times a second, not per event.
 */
public final class TaskTableView extends BorderPane {

    static final int REFRESHES_PER_SECOND = 5;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    private final TaskBoard board;
    private final TableView<TaskRow> table = new TableView<>();
    private final ComboBox<TaskStatus> filter = new ComboBox<>();
    private final FilteredTaskRows filtered;
    private long shownVersion = -1;
    // Ticks a few times a second when rows changed; visible cells and rows listen to it and re-read their
    // row, so nothing is rebuilt (table.refresh() would recreate every cell and restyle it). Only cells and
    // rows listen: they are few and the table keeps them (see LiveCell).
    private final LongProperty tableVersion = new SimpleLongProperty();
    private long lastRefreshMs;
    // A field, so the weak listener on the board lives exactly as long as this view. A filter belongs to the
    // list it was chosen for: kept over runs of that list, dropped when another list (or a re-read) loads,
    // where "failed" would otherwise show an empty table. Rows a stream adds keep it.
    private final ListChangeListener<TaskRow> onNewList = change -> {
        while (change.next()) {
            if (change.wasRemoved()) {
                filter.setValue(null);
                return;
            }
        }
    };

    public TaskTableView(TaskBoard board) {
        this.board = board;
        getStyleClass().add("task-table-view");
        filtered = new FilteredTaskRows(board);
        table.setItems(filtered);
        table.getStyleClass().add("task-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("ui.table.index", 60, TaskRow::getIndex));
        // A task that came from no list (a Python pool's, a stream's) has no line: 0 would read as a line.
        table.getColumns().add(column("ui.table.line", 60, r -> r.getLine() == 0 ? "" : String.valueOf(r.getLine())));
        table.getColumns().add(column("ui.table.input", 220, TaskRow::getInput));
        table.getColumns().add(column("ui.table.status", 100, r -> I18n.get(r.getStatus().messageKey())));
        table.getColumns().add(column("ui.table.pid", 130, TaskRow::getWorker));
        table.getColumns().add(column("ui.table.start", 110,
                r -> r.getStartMs() == 0 ? "" : TIME.format(Instant.ofEpochMilli(r.getStartMs()))));
        table.getColumns().add(column("ui.table.duration", 90,
                r -> r.getDurationMs() < 0 ? "" : I18n.get("ui.unit.ms", r.getDurationMs())));
        table.getColumns().add(column("ui.table.result", 160, TaskTableView::resultOrProgress));
        table.getColumns().add(column("ui.table.error", 320, r -> r.getError() == null ? "" : r.getError()));
        table.setRowFactory(view -> {
            TableRow<TaskRow> row = new TableRow<>() {
                private TaskStatus shown;
                // Weak: the table may replace its rows, and a dropped row must not stay listening.
                private final InvalidationListener restyler = obs -> restyle();

                {
                    tableVersion.addListener(new WeakInvalidationListener(restyler));
                }

                @Override
                protected void updateItem(TaskRow item, boolean empty) {
                    super.updateItem(item, empty);
                    restyle();
                }

                // Pseudo-classes (e.g. :failed), which restyle a row far more cheaply than style classes.
                private void restyle() {
                    TaskRow item = getItem();
                    TaskStatus wanted = item == null || isEmpty() ? null : item.getStatus();
                    if (wanted != shown) {
                        if (shown != null) {
                            pseudoClassStateChanged(shown.pseudoClass(), false);
                        }
                        if (wanted != null) {
                            pseudoClassStateChanged(wanted.pseudoClass(), true);
                        }
                        shown = wanted;
                    }
                }
            };
            row.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && row.getItem() != null) {
                    showOutput(row.getItem());
                }
            });
            return row;
        });
        Label placeholder = new Label();
        placeholder.textProperty().bind(I18n.text("ui.table.empty"));
        table.setPlaceholder(placeholder);

        filter.getItems().add(null);
        filter.getItems().addAll(TaskStatus.values());
        filter.setButtonCell(new StatusCell());
        filter.setCellFactory(list -> new StatusCell());
        filter.getStyleClass().add("status-filter");
        filter.valueProperty().addListener((obs, old, now) -> applyFilter());
        board.rows().addListener(new WeakListChangeListener<>(onNewList));
        Label filterLabel = new Label();
        filterLabel.textProperty().bind(I18n.text("ui.table.filter"));
        Label counts = new Label();
        counts.getStyleClass().add("table-counts");
        counts.textProperty().bind(Bindings.createStringBinding(
                () -> I18n.get("ui.table.counts", board.getTotal(), board.invalidProperty().get()),
                board.totalProperty(), board.invalidProperty(), I18n.localeProperty()));
        HBox bar = new HBox(8, filterLabel, filter, counts);
        bar.setPadding(new Insets(4, 6, 4, 6));
        bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        HBox.setHgrow(counts, Priority.ALWAYS);
        setTop(bar);
        setCenter(table);
    }

    private void applyFilter() {
        filtered.setFilter(filter.getValue());
    }

    /** Called once per frame; refreshes a few times a second when rows changed. */
    public void refresh(long nowMs) {
        if (shownVersion == board.versionProperty().get() || nowMs - lastRefreshMs < 1000 / REFRESHES_PER_SECOND) {
            return;
        }
        shownVersion = board.versionProperty().get();
        lastRefreshMs = nowMs;
        if (filter.getValue() != null) {
            filtered.refilter();
        }
        tableVersion.set(tableVersion.get() + 1);
    }

    /** The result; while a task runs, how far it got (bytes for a download, milliseconds for sleep and cpu). */
    static String resultOrProgress(TaskRow row) {
        if (row.getResult() != null) {
            return row.getResult();
        }
        if (row.getStatus() != TaskStatus.RUNNING || row.getProgressDone() <= 0) {
            return "";
        }
        return row.getProgressTotal() > 0
                ? I18n.get("ui.table.progress", row.getProgressDone(), row.getProgressTotal())
                : I18n.get("ui.table.progress.open", row.getProgressDone());
    }

    public TableView<TaskRow> table() {
        return table;
    }

    /** The status filter; null shows every task. */
    public ComboBox<TaskStatus> filter() {
        return filter;
    }

    /** Shows what one task printed, and its error. */
    public void showOutput(TaskRow row) {
        Dialog<Void> dialog = new Dialog<>();
        dialog.setTitle(I18n.get("ui.output.title", row.getIndex(), row.getLine()));
        dialog.setHeaderText(row.getInput());
        StringBuilder text = new StringBuilder();
        text.append(I18n.get("ui.output.status", I18n.get(row.getStatus().messageKey()), row.getWorker()))
                .append('\n');
        if (row.getResult() != null) {
            text.append(I18n.get("ui.output.result", row.getResult())).append('\n');
        }
        if (row.getError() != null) {
            text.append(I18n.get("ui.output.error", row.getError())).append('\n');
        }
        text.append('\n').append(row.getOutput() == null || row.getOutput().isEmpty()
                ? I18n.get("ui.output.none") : row.getOutput());
        TextArea area = new TextArea(text.toString());
        area.setEditable(false);
        area.setWrapText(true);
        area.getStyleClass().add("task-output");
        area.setPrefSize(640, 360);
        dialog.getDialogPane().setContent(area);
        dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        dialog.getDialogPane().getStyleClass().add("task-output-dialog");
        if (getScene() != null) {
            dialog.initOwner(getScene().getWindow());
        }
        dialog.show();
    }

    private <T> TableColumn<TaskRow, T> column(String key, double width, Function<TaskRow, T> value) {
        TableColumn<TaskRow, T> column = new TableColumn<>();
        column.textProperty().bind(I18n.text(key));
        column.setPrefWidth(width);
        column.setSortable(false);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        column.setCellFactory(c -> new LiveCell<>(value, tableVersion));
        return column;
    }

    private static final class StatusCell extends ListCell<TaskStatus> {
        @Override
        protected void updateItem(TaskStatus item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty ? "" : item == null ? I18n.get("ui.table.all") : I18n.get(item.messageKey()));
        }
    }
}
