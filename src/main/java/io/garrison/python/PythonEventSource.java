package io.garrison.python;

import io.garrison.engine.WorkerId;
import io.garrison.stream.EventSink;
import io.garrison.stream.EventSource;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A Python script's own {@code multiprocessing} pool as a stream of events, for a picture to draw: the script
 * runs with the probe, its workers' news is the stream, and a soldier's Kill -9 reaches the real Python worker.
 * The stream ends when the script does (by itself, stopped, or after its patience once its pool lost a task).
 */
public final class PythonEventSource implements EventSource {

    private final PythonInterpreter python;
    private final ScriptLaunch launch;
    private final Consumer<ScriptLine> output;
    private volatile PythonRun run;
    private volatile PythonOutcome outcome;
    private volatile boolean closed;

    /** @param output the script's own output lines, on a thread of the run's */
    public PythonEventSource(PythonInterpreter python, ScriptLaunch launch, Consumer<ScriptLine> output) {
        this.python = python;
        this.launch = launch;
        this.output = output;
    }

    @Override
    public void start(EventSink sink) {
        Thread waiter = new Thread(() -> {
            try {
                PythonRun started = PythonRun.start(python, launch, sink::event, output);
                run = started;
                if (closed) {
                    started.stop();
                }
                outcome = started.awaitOutcome();
                sink.ended(null);
            } catch (IOException e) {
                sink.ended(e);
            } catch (RuntimeException e) {
                // The script could not be started at all: the stream ends, with why, rather than stay "live".
                sink.ended(new IOException(String.valueOf(e.getMessage()), e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                sink.ended(null);
            }
        }, "garrison-python-source");
        waiter.setDaemon(true);
        waiter.start();
    }

    /** A worker can be killed until the script has ended (one asked for before it started is refused). */
    @Override
    public boolean canKill() {
        return outcome == null;
    }

    /** SIGKILLs the Python worker {@code id}: only a live worker of this script on this machine. */
    @Override
    public void kill(WorkerId id) {
        PythonRun running = run;
        if (running == null || !id.isLocal() || !running.killWorker(id.pid())) {
            throw new UnsupportedOperationException("worker " + id + " is not a live worker of " + launch.script());
        }
    }

    /** Stops the script and its workers. */
    @Override
    public void close() {
        closed = true;
        PythonRun running = run;
        if (running != null) {
            running.stop();
        }
    }

    /** How the script ended, once it has. */
    public Optional<PythonOutcome> outcome() {
        return Optional.ofNullable(outcome);
    }

    /** The script run. */
    public ScriptLaunch launch() {
        return launch;
    }
}
