package io.garrison.ui.lessons;

import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.collections.WeakListChangeListener;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** The shared value and the ten cells of the shared array, as the parent reads them each frame. */
public final class SharedMemoryCells extends VBox {

    private static final PseudoClass CHANGED = PseudoClass.getPseudoClass("changed");

    private final SharedMemoryLessonViewModel lesson;
    private final HBox row = new HBox(4);
    private final ListChangeListener<Long> listener = change -> refresh();

    public SharedMemoryCells(SharedMemoryLessonViewModel lesson, LessonsBundle texts) {
        this.lesson = lesson;
        getStyleClass().add("shared-memory");
        setSpacing(6);
        Label value = new Label();
        value.setId("shared-value");
        value.getStyleClass().add("shared-value");
        value.textProperty().bind(Bindings.createStringBinding(
                () -> texts.text("lessons.shared-memory.value", Double.toString(lesson.valueProperty().get())),
                lesson.valueProperty()));
        lesson.valueProperty().addListener((obs, old, now) -> value.pseudoClassStateChanged(CHANGED, now.doubleValue() != 0));
        row.setId("shared-array");
        lesson.cells().addListener(new WeakListChangeListener<>(listener));
        refresh();
        getChildren().addAll(value, new Label(texts.text("lessons.shared-memory.array")), row);
    }

    private void refresh() {
        row.getChildren().setAll(java.util.stream.IntStream.range(0, lesson.cells().size()).mapToObj(i -> {
            Label cell = new Label(Long.toString(lesson.cells().get(i)));
            cell.getStyleClass().add("memory-cell");
            // A cell that no longer holds its index was written by the child.
            cell.pseudoClassStateChanged(CHANGED, lesson.cells().get(i) != i);
            return cell;
        }).toList());
    }
}
