package io.garrison.stream;

import io.garrison.engine.PoolEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A saved stream, read whole, to be played back: its events in stream order, each with the stream time it is
 * released at. Events are released in the order they were written, at the latest stamp seen so far: workers stamp
 * their news a millisecond apart out of order now and then, and a replay must never reorder what the engine said.
 *
 * <p>Immutable once read; a {@link Cursor} walks it.
 */
public final class EventRecording {

    private final List<PoolEvent> events;
    private final long[] releaseMs;
    private final List<BadEventLine> badLines;

    private EventRecording(List<PoolEvent> events, List<BadEventLine> badLines) {
        this.events = List.copyOf(events);
        this.badLines = List.copyOf(badLines);
        this.releaseMs = new long[events.size()];
        long latest = Long.MIN_VALUE;
        for (int i = 0; i < releaseMs.length; i++) {
            latest = Math.max(latest, events.get(i).timestampMs());
            releaseMs[i] = latest;
        }
    }

    /**
     * Reads a saved {@code --json} stream. Lines that are not events are kept aside ({@link #badLines()}), not
     * fatal: a stream cut off mid-line by a killed run still replays up to its cut.
     *
     * @throws IOException if the file cannot be read
     */
    public static EventRecording read(Path file) throws IOException {
        JsonEventReader reader = new JsonEventReader();
        List<PoolEvent> events = new ArrayList<>();
        List<BadEventLine> bad = new ArrayList<>();
        try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = lines.readLine()) != null) {
                try {
                    events.addAll(reader.read(line));
                } catch (BadEventLine e) {
                    bad.add(e);
                }
            }
        }
        return new EventRecording(events, bad);
    }

    /** A recording of events already read, in stream order. */
    public static EventRecording of(List<PoolEvent> events) {
        return new EventRecording(events, List.of());
    }

    public int size() {
        return events.size();
    }

    /** The stream time of the first event; 0 for an empty recording. */
    public long startMs() {
        return releaseMs.length == 0 ? 0 : releaseMs[0];
    }

    /** The stream time of the last event; 0 for an empty recording. */
    public long endMs() {
        return releaseMs.length == 0 ? 0 : releaseMs[releaseMs.length - 1];
    }

    public long durationMs() {
        return endMs() - startMs();
    }

    /** Lines of the file that were not events, each naming its line and why. */
    public List<BadEventLine> badLines() {
        return badLines;
    }

    /** A cursor at the recording's start. */
    public Cursor cursor() {
        return new Cursor();
    }

    /** Where a replay stands in the recording: the events released so far. Not thread-safe. */
    public final class Cursor {

        private int next;

        /**
         * The events released by stream time {@code streamMs} that this cursor has not given yet, in order; the
         * cursor moves past them. Asking for an earlier time than before gives nothing: go back with {@link #rewind()}.
         */
        public List<PoolEvent> advanceTo(long streamMs) {
            int from = next;
            while (next < releaseMs.length && releaseMs[next] <= streamMs) {
                next++;
            }
            return events.subList(from, next);
        }

        /** Back to before the first event. */
        public void rewind() {
            next = 0;
        }

        /** Whether every event has been given. */
        public boolean atEnd() {
            return next >= releaseMs.length;
        }

        /** Events given so far. */
        public int position() {
            return next;
        }
    }
}
