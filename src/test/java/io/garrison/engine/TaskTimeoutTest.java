package io.garrison.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A timeout that follows the median run time: none before a success, then the share of a robust median. */
class TaskTimeoutTest {

    private static TaskTimeout shareOfMedian(double share) {
        return TaskTimeout.of(new PoolSettings(1, 0, 0, share, 0, HaltPolicy.NEVER, false, null));
    }

    @Test
    void noTimeoutUntilATaskSucceeds() {
        assertThat(shareOfMedian(2).nanos()).isZero();
    }

    @Test
    void theMedianIsNotMovedByAFewVerySlowTasks() {
        TaskTimeout timeout = shareOfMedian(2);
        for (int i = 0; i < 100; i++) {
            timeout.succeeded(i % 10 == 0 ? 60_000_000_000L : 100_000_000L);
        }
        assertThat(timeout.nanos()).isEqualTo(200_000_000L);
    }

    @Test
    void aLongRunKeepsFollowingTheRunTimesAsTheyChange() {
        TaskTimeout timeout = shareOfMedian(1.5);
        for (int i = 0; i < 999 * 3; i++) {
            timeout.succeeded(1_000_000L);
        }
        for (int i = 0; i < 999 * 5; i++) {
            timeout.succeeded(10_000_000L);
        }
        // The upper level now holds 3 medians of 1 ms and 5 of 10 ms.
        assertThat(timeout.nanos()).isEqualTo(15_000_000L);
    }

    @Test
    void aBatchCountsAsManyTasksAsItHeld() {
        TaskTimeout timeout = shareOfMedian(2);
        timeout.succeeded(5_000_000_000L);
        timeout.succeeded(1_000_000L, 50);
        assertThat(timeout.nanos()).isEqualTo(2_000_000L);
    }

    @Test
    void aFixedTimeoutIsWhatItSays() {
        TaskTimeout fixed = TaskTimeout.of(new PoolSettings(1, 0, 7_000, 0, 0, HaltPolicy.NEVER, false, null));
        fixed.succeeded(1);
        assertThat(fixed.nanos()).isEqualTo(7_000);
    }
}
