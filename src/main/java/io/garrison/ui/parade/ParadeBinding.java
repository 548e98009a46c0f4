package io.garrison.ui.parade;

import io.garrison.engine.WorkerId;
import java.util.function.Consumer;

/**
 * The one wiring of a {@link ParadeGround} to its {@link ParadeModel}, used by every window that draws a parade.
 * The model, fed with the pool's events, is the one source of what the ground shows: soldiers, tray, the pool's
 * state and size on the badge, the pace of a card's flight. What only one window has (the main window's queue and
 * message) that window sets itself.
 *
 * <p>Threading: FX thread only, like the control and the model.
 */
public final class ParadeBinding {

    private ParadeBinding() {
    }

    /**
     * Binds {@code ground} to {@code model}, for as long as the ground lives.
     *
     * @param onKill    what a soldier's "Kill -9" does, given the worker's host and PID
     * @param onDetails what a soldier's "Details" does (the details dialog lives in a package that needs this one)
     */
    public static void bindTo(ParadeGround ground, ParadeModel model, Consumer<WorkerId> onKill, Consumer<Soldier> onDetails) {
        ground.setSoldiers(model.soldiers());
        ground.setSucceededCards(model.succeededCards());
        ground.setFailedCards(model.failedCards());
        // The tray counts what has been seen to arrive there; a status bar or a table counts the engine's news at
        // once. They agree a moment later: each soldier's walk takes a fraction of a second.
        ground.succeededCountProperty().bind(model.succeededShownProperty());
        ground.failedCountProperty().bind(model.failedShownProperty());
        // The badge changes as the picture reaches the change, never over soldiers still seen at work.
        ground.poolStateProperty().bind(model.poolStateProperty());
        ground.terminateCalledProperty().bind(model.terminateCalledProperty());
        ground.targetSizeProperty().bind(model.targetSizeProperty());
        ground.walkMillisProperty().bind(model.walkMsProperty());
        ground.setOnKill(soldier -> onKill.accept(soldier.getId()));
        ground.setOnDetails(onDetails);
    }
}
