package io.garrison.ui.main;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PaceScaleTest {

    @Test
    void theTrackRunsFromFullSpeedAtTheLeftEndToFiveSecondsAtTheRight() {
        assertThat(PaceScale.millisAt(0)).isZero();
        assertThat(PaceScale.millisAt(PaceScale.MAX_POSITION)).isEqualTo(5000);
        assertThat(PaceScale.millisAt(1)).as("the first step past full speed").isEqualTo(20);
    }

    @Test
    void fiftyToFiveHundredMillisecondsTakeAsMuchOfTheTrackAsHalfASecondToFiveSeconds() {
        double fiftyToFiveHundred = PaceScale.positionOf(500) - PaceScale.positionOf(50);
        double halfToFive = PaceScale.positionOf(5000) - PaceScale.positionOf(500);

        assertThat(fiftyToFiveHundred).isCloseTo(halfToFive, within(0.001));
        assertThat(fiftyToFiveHundred / PaceScale.MAX_POSITION).as("of the track").isGreaterThan(0.4);
    }

    @Test
    void aPaceSetElsewhereMovesTheKnobToWhereItReadsTheSamePace() {
        for (long ms : new long[] {0, 50, 300, 800, 2500, 5000}) {
            assertThat(PaceScale.millisAt(PaceScale.positionOf(ms))).as(ms + " ms").isEqualTo(ms);
        }
    }

    @Test
    void pacesAreRoundedToWhatATeacherCanSay() {
        for (int position = 1; position <= PaceScale.MAX_POSITION; position++) {
            long ms = PaceScale.millisAt(position);
            long step = ms < 100 ? 5 : ms < 1000 ? 10 : 50;
            assertThat(ms % step).as("%d ms at %d", ms, position).isZero();
        }
    }
}
