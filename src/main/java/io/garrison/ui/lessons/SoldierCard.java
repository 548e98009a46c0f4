package io.garrison.ui.lessons;

import javafx.beans.binding.Bindings;
import javafx.css.PseudoClass;
import java.util.function.LongConsumer;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.VBox;

/**
 * One worker process on screen: PID, state, current task, tasks done. Style class {@code worker-card} (the
 * parade ground's soldiers are {@code soldier}), with the pseudo-classes {@code :busy}, {@code :dead},
 * {@code :left} and {@code :stopped} (lessons.css).
 */
public final class SoldierCard extends VBox {

    private static final PseudoClass BUSY = PseudoClass.getPseudoClass("busy");
    private static final PseudoClass DEAD = PseudoClass.getPseudoClass("dead");
    private static final PseudoClass LEFT = PseudoClass.getPseudoClass("left");
    private static final PseudoClass STOPPED = PseudoClass.getPseudoClass("stopped");

    /** @param onKill what the card's "kill" menu item does, given the PID */
    public SoldierCard(Soldier soldier, LessonsBundle texts, LongConsumer onKill) {
        getStyleClass().add("worker-card");
        Label pid = new Label(texts.text("lessons.soldier.pid", Long.toString(soldier.getPid())));
        pid.getStyleClass().add("worker-card-pid");
        Label state = new Label();
        state.getStyleClass().add("worker-card-state");
        state.textProperty().bind(Bindings.createStringBinding(
                () -> texts.text("lessons.soldier.state." + soldier.getState().name()), soldier.stateProperty()));
        Label task = new Label();
        task.getStyleClass().add("worker-card-task");
        task.textProperty().bind(Bindings.createStringBinding(() -> soldier.getTask().isEmpty() ? " "
                : texts.text("lessons.soldier.task", shorten(soldier.getTask())), soldier.taskProperty()));
        Label done = new Label();
        done.textProperty().bind(Bindings.createStringBinding(
                () -> texts.text("lessons.soldier.done", soldier.getDone()), soldier.doneProperty()));
        ProgressBar progress = new ProgressBar();
        progress.progressProperty().bind(soldier.progressProperty());
        progress.visibleProperty().bind(soldier.stateProperty().isEqualTo(Soldier.State.BUSY));
        progress.setMaxWidth(Double.MAX_VALUE);
        getChildren().addAll(pid, state, task, done, progress);
        MenuItem kill = new MenuItem(texts.text("lessons.soldier.kill", Long.toString(soldier.getPid())));
        kill.setOnAction(e -> onKill.accept(soldier.getPid()));
        kill.disableProperty().bind(soldier.stateProperty().isNotEqualTo(Soldier.State.IDLE)
                .and(soldier.stateProperty().isNotEqualTo(Soldier.State.BUSY)));
        ContextMenu menu = new ContextMenu(kill);
        setOnContextMenuRequested(e -> menu.show(this, e.getScreenX(), e.getScreenY()));
        soldier.stateProperty().addListener((obs, old, now) -> showState(now));
        showState(soldier.getState());
    }

    private void showState(Soldier.State state) {
        pseudoClassStateChanged(BUSY, state == Soldier.State.BUSY);
        pseudoClassStateChanged(DEAD, state == Soldier.State.DEAD);
        pseudoClassStateChanged(LEFT, state == Soldier.State.LEFT);
        pseudoClassStateChanged(STOPPED, state == Soldier.State.STOPPED);
    }

    /** URLs are long; the card shows the part a class recognises (for the classroom server, the site's name). */
    static String shorten(String input) {
        String text = input.replaceFirst("^http://127\\.0\\.0\\.1:\\d+/", "").replaceFirst("^https?://", "");
        return text.length() > 28 ? text.substring(0, 27) + "…" : text;
    }
}
