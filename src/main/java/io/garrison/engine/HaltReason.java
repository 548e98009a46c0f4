package io.garrison.engine;

/**
 * Why a pool stopped handing out tasks before its queue was done, in words: "halted after 3 failed tasks", "the
 * output was closed". Tasks it left unstarted fail as {@link FailureCause#NOT_RUN} with {@link #notRunReason()};
 * tasks a halt killed while they ran fail as {@link FailureCause#HALTED_WHILE_RUNNING} with
 * {@link #whileRunningReason()}.
 */
public record HaltReason(String why) {

    public HaltReason {
        if (why == null || why.isBlank()) {
            throw new IllegalArgumentException("a halt needs a reason");
        }
    }

    /** What a task that never started says: {@code not run: } and the reason. */
    public String notRunReason() {
        return PoolEvent.TaskFailed.NOT_RUN + why;
    }

    /** What a task killed mid-way says: the reason, {@code while the task ran}. */
    public String whileRunningReason() {
        return why + " while the task ran";
    }

    /**
     * The reason of {@link ProcessPool#halt(String, boolean)}, which takes the words a never-run task fails with
     * (they begin with {@code not run: } by convention, and need not).
     */
    static HaltReason ofNotRunReason(String reason) {
        String prefix = PoolEvent.TaskFailed.NOT_RUN;
        return new HaltReason(reason.regionMatches(0, prefix, 0, prefix.length())
                ? reason.substring(prefix.length()) : reason);
    }
}
