package io.garrison.stream;

/**
 * A replay's clock: which stream time shows at a wall time, played at a speed, paused, or moved by a seek. Stream
 * time starts at the recording's first event and, while playing, runs on past its last: what the last events set
 * moving (a soldier walking off) must be let finish, as it did when it happened.
 *
 * <p>Not thread-safe: the window's thread owns it.
 */
public final class ReplayClock {

    /** The speeds a replay offers, as a video player's. */
    public static final double[] SPEEDS = {1, 2, 5, 10, 20, 50, 100};

    private final long startMs;
    private final long endMs;
    private double speed = 1;
    private boolean playing;
    /** The stream time at {@link #anchorWallMs}: the clock runs on from this pair. */
    private long anchorStreamMs;
    private long anchorWallMs;

    public ReplayClock(long startMs, long endMs) {
        this.startMs = startMs;
        this.endMs = Math.max(startMs, endMs);
        this.anchorStreamMs = startMs;
    }

    /** The stream time shown at wall time {@code wallMs}. */
    public long streamMs(long wallMs) {
        if (!playing) {
            return anchorStreamMs;
        }
        long run = Math.max(0, wallMs - anchorWallMs);
        return anchorStreamMs + (long) Math.floor(run * speed);
    }

    public void play(long wallMs) {
        if (!playing) {
            anchorWallMs = wallMs;
            if (anchorStreamMs >= endMs) {
                anchorStreamMs = startMs;
            }
            playing = true;
        }
    }

    public void pause(long wallMs) {
        if (playing) {
            anchorStreamMs = streamMs(wallMs);
            playing = false;
        }
    }

    public void setSpeed(double times, long wallMs) {
        if (times <= 0 || Double.isNaN(times)) {
            throw new IllegalArgumentException("speed " + times);
        }
        anchorStreamMs = streamMs(wallMs);
        anchorWallMs = wallMs;
        speed = times;
    }

    /** Moves the clock to stream time {@code streamMs} (kept within the recording); playing goes on from there. */
    public void seek(long streamMs, long wallMs) {
        anchorStreamMs = Math.max(startMs, Math.min(endMs, streamMs));
        anchorWallMs = wallMs;
    }

    /** Whether the clock has reached the recording's last event. */
    public boolean atEnd(long wallMs) {
        return streamMs(wallMs) >= endMs;
    }

    public boolean isPlaying() {
        return playing;
    }

    public double speed() {
        return speed;
    }

    public long startMs() {
        return startMs;
    }

    public long endMs() {
        return endMs;
    }
}
