package io.garrison.python;

import io.garrison.engine.PoolEvent;
import io.garrison.engine.PoolListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * What a {@link PythonRun} said, kept for a test: its events and the script's lines. A test waits on it for the
 * events it expects (woken by each one), never for a time. Any thread.
 */
final class RecordedRun implements PoolListener, Consumer<ScriptLine> {

    /** Guarded by this. */
    private final List<PoolEvent> events = new ArrayList<>();
    /** Guarded by this. */
    private final List<ScriptLine> lines = new ArrayList<>();

    @Override
    public synchronized void onEvent(PoolEvent event) {
        events.add(event);
        notifyAll();
    }

    @Override
    public synchronized void accept(ScriptLine line) {
        lines.add(line);
        notifyAll();
    }

    synchronized List<PoolEvent> events() {
        return List.copyOf(events);
    }

    synchronized <T extends PoolEvent> List<T> events(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The lines the script printed on {@code stream}, in order. */
    synchronized List<String> lines(ScriptLine.Stream stream) {
        return lines.stream().filter(l -> l.stream() == stream).map(ScriptLine::text).toList();
    }

    /** Waits until {@code count} events of {@code type} that match {@code which} have come, and returns them. */
    synchronized <T extends PoolEvent> List<T> await(Class<T> type, Predicate<T> which, int count, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<T> found = events(type).stream().filter(which).toList();
            if (found.size() >= count) {
                return found;
            }
            long leftMs = (deadline - System.nanoTime()) / 1_000_000;
            if (leftMs <= 0) {
                throw new AssertionError("timed out waiting for " + count + " " + type.getSimpleName()
                        + " events; got " + events + " and the lines " + lines);
            }
            wait(leftMs);
        }
    }
}
