package io.garrison.ui.tasks;

/** Where one task of a run stands, as the table and the filters show it. */
public enum TaskStatus {
    /** Its line cannot run (the reason is in the error column). */
    INVALID,
    /** In the queue, never started or back after a failed attempt. */
    WAITING,
    RUNNING,
    SUCCEEDED,
    FAILED;

    /** The resource-bundle key of its display name. */
    public String messageKey() {
        return "ui.status." + name().toLowerCase();
    }

    /** The CSS pseudo-class of a table row in this state, e.g. {@code :failed}. */
    public javafx.css.PseudoClass pseudoClass() {
        return javafx.css.PseudoClass.getPseudoClass(name().toLowerCase());
    }

    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED;
    }
}
