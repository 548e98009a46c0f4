package io.garrison.stream;

import io.garrison.engine.WorkerId;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Events read live from a byte stream of {@code --json} lines: standard input ({@code garrison run --json … |
 * garrison watch -}) or a file still being written. Read on a daemon thread of its own, so a pipe that never ends
 * holds no other thread. It can only read: it reaches no pool.
 */
public final class LineEventSource implements EventSource {

    private final InputStream in;
    private final String name;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** @param name the thread's name, for a thread dump */
    public LineEventSource(InputStream in, String name) {
        this.in = in;
        this.name = name;
    }

    @Override
    public void start(EventSink sink) {
        Thread reader = new Thread(() -> read(sink), name);
        reader.setDaemon(true);
        reader.start();
    }

    private void read(EventSink sink) {
        JsonEventReader events = new JsonEventReader();
        IOException failure = null;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while (!closed.get() && (line = lines.readLine()) != null) {
                events.readInto(line, sink);
            }
        } catch (IOException e) {
            failure = closed.get() ? null : e;
        }
        sink.ended(failure);
    }

    @Override
    public boolean canKill() {
        return false;
    }

    @Override
    public void kill(WorkerId id) {
        throw new UnsupportedOperationException("a stream read from " + name + " reaches no pool");
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                in.close();
            } catch (IOException e) {
                // Closing is how reading is stopped; a stream that will not close is read no more either way.
            }
        }
    }
}
