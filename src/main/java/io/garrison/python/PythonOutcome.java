package io.garrison.python;

/**
 * How a script's run ended.
 *
 * @param exitCode  the script's exit status as the OS gave it (128 + N when a signal N ended it)
 * @param ending    whether it ended by itself or was stopped, and why
 * @param lostTasks tasks Python's pool lost when their workers died
 */
public record PythonOutcome(int exitCode, Ending ending, int lostTasks) {

    /** Who ended the script. */
    public enum Ending {
        /** It ended by itself (also by an uncaught exception). */
        EXITED,
        /** It lost a task and had not ended when its patience ran out: its process group was stopped. */
        STOPPED_AFTER_PATIENCE,
        /** {@link PythonRun#stop()} stopped it. */
        STOPPED
    }
}
