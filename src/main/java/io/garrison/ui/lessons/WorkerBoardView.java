package io.garrison.ui.lessons;

import java.util.function.LongConsumer;
import javafx.collections.ListChangeListener;
import javafx.collections.WeakListChangeListener;
import javafx.scene.layout.FlowPane;

/** The lesson's worker processes as a row of cards, following its {@link WorkerBoard}. */
public final class WorkerBoardView extends FlowPane {

    private final WorkerBoard board;
    private final LessonsBundle texts;
    private final LongConsumer onKill;
    private final ListChangeListener<Soldier> listener = change -> rebuild();

    /** @param onKill what a card's "kill" menu item does, given the PID */
    public WorkerBoardView(WorkerBoard board, LessonsBundle texts, LongConsumer onKill) {
        this.board = board;
        this.texts = texts;
        this.onKill = onKill;
        getStyleClass().add("worker-board");
        setHgap(8);
        setVgap(8);
        // Weak, so a board outlives the views built for it (one per language switch) without keeping them.
        board.soldiers().addListener(new WeakListChangeListener<>(listener));
        rebuild();
    }

    private void rebuild() {
        getChildren().setAll(board.soldiers().stream().map(s -> new SoldierCard(s, texts, onKill)).toList());
    }
}
