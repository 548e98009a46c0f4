package io.garrison.engine;

/** The counts of a finished run. {@code skipped} tasks were not run because the joblog showed them done. */
public record RunSummary(int total, int succeeded, int failed, int skipped, long elapsedMs) {

    public boolean allSucceeded() {
        return failed == 0;
    }
}
