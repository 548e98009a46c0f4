package io.garrison.ui.parade;

import javafx.css.PseudoClass;

/** What a soldier (one worker process) is seen doing. */
public enum SoldierState {
    /** Alive, waiting for a task. */
    IDLE,
    /** Walking to the queue to take a task (or a bundle of them: a chunk). */
    FETCHING,
    /** Running a task; the ring shows its progress. */
    WORKING,
    /** Carrying a finished task to the tray. */
    DELIVERING,
    /** The task it ran failed. */
    FAILED,
    /** The process ended on its own (the pool shrank, closed, or recycled it): the soldier marches off. */
    LEAVING,
    /** The process died (killed, crashed): the soldier falls. */
    DEAD;

    // A pseudo-class, not a style class: switching it restyles the soldier without matching selectors again.
    private final PseudoClass pseudoClass = PseudoClass.getPseudoClass(name().toLowerCase());

    /** Whether the process is gone: the soldier is only seen going. */
    public boolean isGone() {
        return this == LEAVING || this == DEAD;
    }

    public String messageKey() {
        return "ui.soldier.state." + name().toLowerCase();
    }

    /**
     * The CSS pseudo-class of the state, on the soldier and on the parts whose look follows it: the stylesheet
     * selects the parts by their own ({@code .soldier-body:working}), never through the soldier's.
     */
    public PseudoClass pseudoClass() {
        return pseudoClass;
    }
}
