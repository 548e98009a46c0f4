package io.garrison.ui.lessons;

import javafx.collections.ListChangeListener;
import javafx.collections.WeakListChangeListener;
import javafx.scene.layout.FlowPane;

/** The lesson's worker processes as a row of cards, following its {@link WorkerBoard}. */
public final class WorkerBoardView extends FlowPane {

    private final WorkerBoard board;
    private final LessonsBundle texts;
    private final ListChangeListener<Soldier> listener = change -> rebuild();

    public WorkerBoardView(WorkerBoard board, LessonsBundle texts) {
        this.board = board;
        this.texts = texts;
        getStyleClass().add("worker-board");
        setHgap(8);
        setVgap(8);
        // Weak, so a board outlives the views built for it (one per language switch) without keeping them.
        board.soldiers().addListener(new WeakListChangeListener<>(listener));
        rebuild();
    }

    private void rebuild() {
        getChildren().setAll(board.soldiers().stream().map(s -> new SoldierCard(s, texts)).toList());
    }
}
