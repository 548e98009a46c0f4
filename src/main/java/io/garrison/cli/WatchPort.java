package io.garrison.cli;

import io.garrison.engine.PoolEvent;
import io.garrison.engine.PoolListener;
import io.garrison.engine.ProcessPool;
import io.garrison.engine.WorkerId;
import io.garrison.stream.WatchRegistry;
import io.garrison.stream.WatchServer;
import java.io.IOException;
import java.io.PrintStream;
import java.util.function.Consumer;
import java.time.Duration;

/**
 * {@code --watch-port}: the run's {@code --json} events, written whether or not stdout gets them, served to
 * watchers on this machine by a {@link WatchServer} (docs/CLI.md, "Watching a run"). Says on stderr how to watch,
 * and what became of watchers it had to cut off.
 *
 * <p>Threading: {@link #start} and {@link #finish} on the run's thread; the listener on the pool's event thread.
 */
final class WatchPort {

    /** How long a watcher may take nothing at the run's end before the run cuts it off and exits. */
    static final Duration STALL = Duration.ofSeconds(5);
    /** How long the run waits, after a stop that skipped the pool's orderly end, for its last events. */
    private static final Duration LAST_EVENTS = Duration.ofSeconds(5);

    private final WatchServer server;
    private final Events events;
    private boolean finished;

    private WatchPort(WatchServer server, boolean downloads) {
        this.server = server;
        this.events = new Events(new JsonEventWriter(server.events(), downloads));
    }

    /**
     * Serves the run on {@code port} (0: any free one) and says so on {@code err}.
     *
     * @throws IllegalArgumentException saying why the port cannot be served
     */
    static WatchPort start(int port, String list, String kind, ProcessPool pool, boolean downloads, PrintStream err) {
        WatchServer server;
        try {
            // A worker killed from a watching window is said where the run is followed: the run's user did not ask.
            Consumer<WorkerId> killer = worker -> {
                err.println(CliText.get("cli.watch.killed", worker.toString()));
                pool.killWorker(worker);
            };
            server = WatchServer.start(port, list, kind, killer, WatchRegistry.forThisUser(),
                    new WatchServer.Notices() {
                        @Override
                        public void watcherDropped() {
                            err.println(CliText.get("cli.watch.dropped", String.valueOf(STALL.toSeconds())));
                        }

                        @Override
                        public void eventsLost(IOException cause) {
                            err.println(CliText.get("cli.watch.eventsLost", RunCommand.reason(cause)));
                        }
                    });
        } catch (IOException e) {
            throw new IllegalArgumentException(CliText.get("cli.watch.cannotServe", String.valueOf(port),
                    RunCommand.reason(e)));
        }
        err.println(CliText.get("cli.watch.howTo", String.valueOf(server.port())));
        return new WatchPort(server, downloads);
    }

    /** The listener that writes the events for the watchers. */
    PoolListener listener() {
        return events;
    }

    /**
     * Ends the watchers' stream after the run's last event and waits while they take it. A pool stopped without
     * its orderly end gets a moment for its last events (the workers' exits) first.
     */
    void finish(ProcessPool pool) {
        if (finished) {
            return;
        }
        finished = true;
        try {
            pool.join(LAST_EVENTS);
        } catch (IllegalStateException stillRunning) {
            // not stopped: there are no last events to wait for
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        events.close();
        try {
            server.finish(STALL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The JSON writer, closed from the run's thread once the run ended: an event the pool still sends after that
     * (it was stopped without its orderly end) is not written after the stream's end.
     */
    private static final class Events implements PoolListener {
        private final JsonEventWriter writer;
        /** Guarded by this listener, as is the writer. */
        private boolean closed;

        Events(JsonEventWriter writer) {
            this.writer = writer;
        }

        @Override
        public synchronized void onEvent(PoolEvent event) {
            if (!closed) {
                writer.onEvent(event);
            }
        }

        @Override
        public synchronized void onIdle() {
            if (!closed) {
                writer.onIdle();
            }
        }

        synchronized void close() {
            writer.onIdle();
            closed = true;
        }
    }
}
