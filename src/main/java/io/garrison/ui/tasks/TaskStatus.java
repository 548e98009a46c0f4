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

    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED;
    }
}
