package io.garrison.stream;

import io.garrison.engine.WorkerId;
import java.io.IOException;

/**
 * A running {@code garrison run --watch-port} as a stream of events: every event from the run's start, then the
 * live ones, until the run ends. A soldier's Kill -9 goes to the run, which kills its worker and retries the task,
 * as the window's own pool would.
 */
public final class RunEventSource implements EventSource {

    private final WatchConnection connection;
    private volatile boolean ended;

    public RunEventSource(WatchConnection connection) {
        this.connection = connection;
    }

    @Override
    public void start(EventSink sink) {
        Thread reader = new Thread(() -> read(sink), "garrison-watch-run-" + connection.run().port());
        reader.setDaemon(true);
        reader.start();
    }

    private void read(EventSink sink) {
        JsonEventReader events = new JsonEventReader();
        IOException failure = null;
        try {
            String line;
            while ((line = connection.nextLine()) != null) {
                events.readInto(line, sink);
            }
        } catch (WatchException e) {
            failure = new IOException(e.getMessage(), e);
        }
        ended = true;
        sink.ended(failure);
    }

    /** The run kills its workers on request until it ends. */
    @Override
    public boolean canKill() {
        return !ended;
    }

    @Override
    public void kill(WorkerId id) {
        try {
            connection.kill(id);
        } catch (WatchException e) {
            throw new UnsupportedOperationException(e.getMessage(), e);
        }
    }

    /** Stops watching; the run goes on. */
    @Override
    public void close() {
        connection.close();
    }

    /** The run watched. */
    public WatchedRun run() {
        return connection.run();
    }
}
