package io.garrison.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HostGateTest {

    private static final long SECOND = 1_000_000_000L;
    private static final String HOST = "example.org:-1";

    private final HostGate gate = new HostGate(4);

    @Test
    void aHostThatSaidTooManyWaitsItsRetryAfterThenGetsOneMoreAtOnceEveryTenSecondsUpToTheLimit() {
        long now = 1_000 * SECOND;
        assertThat(gate.admits(HOST, 3, now)).isTrue();

        gate.pause(HOST, new HostTrouble(1_000, true), 1, now);

        assertThat(gate.admits(HOST, 0, now + SECOND / 2)).as("inside its Retry-After").isFalse();
        assertThat(gate.admits(HOST, 0, now + SECOND)).isTrue();
        assertThat(gate.admits(HOST, 1, now + SECOND)).as("one at a time after the 429").isFalse();
        assertThat(gate.admits(HOST, 1, now + 11 * SECOND)).isTrue();
        assertThat(gate.admits(HOST, 2, now + 11 * SECOND)).as("two, ten seconds on").isFalse();
        assertThat(gate.admits(HOST, 2, now + 21 * SECOND)).isTrue();
        assertThat(gate.admits(HOST, 3, now + 21 * SECOND)).isFalse();
        assertThat(gate.admits(HOST, 3, now + 31 * SECOND)).as("the usual limit is back").isTrue();
        assertThat(gate.admits(HOST, 4, now + 31 * SECOND)).isFalse();
        assertThat(gate.admits("other.org:-1", 3, now + SECOND / 2)).as("other hosts go on").isTrue();
    }

    @Test
    void aLimitChangedWhileThePoolRunsHoldsFromTheNextHandOut() {
        long now = 1_000 * SECOND;
        assertThat(gate.admits(HOST, 2, now)).isTrue();

        gate.maxPerHost(2);

        assertThat(gate.admits(HOST, 2, now)).isFalse();
        gate.maxPerHost(0);
        assertThat(gate.admits(HOST, 50, now)).as("0: no limit").isTrue();
    }

    @Test
    void aPassingFailureWithoutRetryAfterPausesItsHostForAJitteredBackOffThatDoublesWithTheAttempts() {
        long now = 1_000 * SECOND;

        gate.pause(HOST, new HostTrouble(0, false), 1, now);

        assertThat(gate.admits(HOST, 0, now + SECOND / 4 - 1)).isFalse();
        assertThat(gate.admits(HOST, 0, now + SECOND / 2 + 1)).isTrue();

        gate.pause(HOST, new HostTrouble(0, false), 3, now);

        assertThat(gate.admits(HOST, 0, now + SECOND - 1)).as("0.5 s doubled twice, at least half of it").isFalse();
        assertThat(gate.admits(HOST, 0, now + 2 * SECOND + 1)).isTrue();
        assertThat(gate.admits(HOST, 3, now + 2 * SECOND + 1)).as("no lowered limit without a 429").isTrue();
    }
}
