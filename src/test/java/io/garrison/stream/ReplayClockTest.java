package io.garrison.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.garrison.engine.PoolEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A replay's clock and cursor: stream time at a wall time, played, paused, sped up, sought; events in order. */
class ReplayClockTest {

    @Test
    void playsAtItsSpeedHoldsWhilePausedAndRunsOnPastTheEnd() {
        ReplayClock clock = new ReplayClock(10_000, 12_000);
        assertThat(clock.streamMs(500)).as("not yet playing").isEqualTo(10_000);

        clock.play(1_000);
        assertThat(clock.streamMs(1_400)).isEqualTo(10_400);
        clock.setSpeed(10, 1_400);
        assertThat(clock.streamMs(1_500)).isEqualTo(11_400);
        clock.pause(1_500);
        assertThat(clock.streamMs(9_999)).as("paused").isEqualTo(11_400);
        clock.play(10_000);
        assertThat(clock.streamMs(10_100)).isEqualTo(12_400);
        assertThat(clock.atEnd(10_100)).isTrue();

        clock.seek(10_500, 10_100);
        assertThat(clock.streamMs(10_100)).isEqualTo(10_500);
        clock.seek(0, 10_100);
        assertThat(clock.streamMs(10_100)).as("kept within the recording").isEqualTo(10_000);
        assertThatThrownBy(() -> clock.setSpeed(0, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theCursorGivesEventsInTheirWrittenOrderAtTheLatestStampSoFar() {
        PoolEvent first = new PoolEvent.WorkerStarted(100, 1, 0);
        PoolEvent late = new PoolEvent.WorkerStarted(300, 2, 0);
        PoolEvent stampedEarlier = new PoolEvent.WorkerStarted(250, 3, 0);
        PoolEvent last = new PoolEvent.WorkerStarted(400, 4, 0);
        EventRecording recording = EventRecording.of(List.of(first, late, stampedEarlier, last));
        EventRecording.Cursor cursor = recording.cursor();

        assertThat(recording.durationMs()).isEqualTo(300);
        assertThat(cursor.advanceTo(99)).isEmpty();
        assertThat(cursor.advanceTo(299)).containsExactly(first);
        // Stamped 250 but written after one stamped 300: it comes with that one, never before it.
        assertThat(cursor.advanceTo(300)).containsExactly(late, stampedEarlier);
        assertThat(cursor.advanceTo(200)).as("no going back without a rewind").isEmpty();
        assertThat(cursor.atEnd()).isFalse();
        assertThat(cursor.advanceTo(1_000)).containsExactly(last);
        assertThat(cursor.atEnd()).isTrue();

        cursor.rewind();
        assertThat(cursor.position()).isZero();
        assertThat(cursor.advanceTo(1_000)).hasSize(4);
    }
}
