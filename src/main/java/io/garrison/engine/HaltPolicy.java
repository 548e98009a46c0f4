package io.garrison.engine;

/**
 * When to give up on the rest of the work, like GNU parallel's {@code --halt}: after {@code failures} final
 * task failures, hand out nothing more; with {@code now}, also kill the tasks that are running.
 * Tasks that were never started fail with a reason saying so, so nothing is silently dropped. Tasks shorter
 * than 5 ms are handed to workers a few at a time (about 10 ms of work each); those already handed out still
 * run, like the running ones.
 */
public record HaltPolicy(int failures, boolean now) {

    public static final HaltPolicy NEVER = new HaltPolicy(0, false);

    public HaltPolicy {
        if (failures < 0) {
            throw new IllegalArgumentException("failures must be 0 (never halt) or more");
        }
    }

    public static HaltPolicy soonAfter(int failures) {
        return new HaltPolicy(failures, false);
    }

    public static HaltPolicy nowAfter(int failures) {
        return new HaltPolicy(failures, true);
    }

    boolean triggeredBy(int failuresSoFar) {
        return failures > 0 && failuresSoFar >= failures;
    }
}
