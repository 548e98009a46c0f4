package io.garrison.python;

import io.garrison.engine.FailureCause;
import io.garrison.engine.PoolEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One story of each worker from reports that come over several connections: the script says when it starts and
 * reaps a worker, the worker says when it runs and what it runs, and these arrive in no fixed order. A worker's start
 * counts once (the first report), its exit counts once and is held until the worker's own connection has ended
 * (everything it sent is then in) or, should that connection stay open (a child of the worker holding it), for
 * {@link #SETTLE_WAIT_MS}: a worker's exit then always follows its own events.
 *
 * <p>And the tasks Python's pool lost. A worker that dies under a task takes the task with it: Python's Pool never
 * runs it again, and a {@code map()} waiting for it waits forever. Nobody in Python says so, so this class does: at
 * a worker's exit, each task it had begun and not ended gets a final {@link PoolEvent.TaskFailed}.
 *
 * <p>Not thread-safe: fed by the run's event thread alone.
 */
final class WorkerReports {

    /** How long an exit waits for its worker's connection to end before its begun tasks are taken as lost. */
    static final long SETTLE_WAIT_MS = 2_000;

    /** What each worker began and has not ended, by PID, in the order begun. */
    private final Map<Long, Map<Integer, PoolEvent.TaskStarted>> begun = new HashMap<>();
    /** Workers that said they started, in that order. */
    private final Set<Long> workers = new LinkedHashSet<>();
    /** Exits reported (the first report of each worker counts), by PID. */
    private final Map<Long, PoolEvent.WorkerExited> exits = new HashMap<>();
    /** Exits whose begun tasks are not settled yet: waiting for the worker's connection to end. */
    private final Map<Long, PoolEvent.WorkerExited> unsettled = new LinkedHashMap<>();
    /** When each unsettled exit arrived, by PID. */
    private final Map<Long, Long> unsettledSince = new HashMap<>();
    /** PIDs whose connection has been heard from, and those whose connection has ended. */
    private final Set<Long> connected = new HashSet<>();
    private final Set<Long> disconnected = new HashSet<>();

    /**
     * Takes an event of process {@code from}'s connection and returns what to deliver for it: the event itself
     * (none for a second report of a start or an exit; an exit later, see the class), then any tasks now known to
     * be lost.
     */
    List<PoolEvent> onEvent(long from, PoolEvent event, long nowMs) {
        connected.add(from);
        if (event instanceof PoolEvent.WorkerStarted started) {
            // Said by the script when it starts the worker and by the worker when it runs: the first counts.
            if (!workers.add(started.pid())) {
                return List.of();
            }
        } else if (event instanceof PoolEvent.TaskStarted started) {
            begun.computeIfAbsent(started.pid(), pid -> new LinkedHashMap<>()).put(started.task(), started);
        } else if (event instanceof PoolEvent.TaskSucceeded succeeded) {
            ended(succeeded.pid(), succeeded.task());
        } else if (event instanceof PoolEvent.TaskFailed failed && !failed.willRetry()) {
            ended(failed.pid(), failed.task());
        } else if (event instanceof PoolEvent.WorkerExited exited) {
            if (exits.putIfAbsent(exited.pid(), exited) != null) {
                return List.of();
            }
            if (disconnected.contains(exited.pid()) || !connected.contains(exited.pid())) {
                return withExit(exited, nowMs);
            }
            // Held back until the worker's connection ends: a worker's exit then follows all it said.
            unsettled.put(exited.pid(), exited);
            unsettledSince.put(exited.pid(), nowMs);
            return List.of();
        }
        return List.of(event);
    }

    /** The connection of process {@code pid} ended; returns the tasks now known to be lost. */
    List<PoolEvent> connectionEnded(long pid, long nowMs) {
        disconnected.add(pid);
        unsettledSince.remove(pid);
        PoolEvent.WorkerExited held = unsettled.remove(pid);
        if (held != null) {
            return withExit(held, nowMs);
        }
        // Also an exit settled before this worker's connection was heard from: its lines have come in since.
        PoolEvent.WorkerExited exited = exits.get(pid);
        return exited == null ? List.of() : settle(exited, nowMs);
    }

    /** Exits that have waited {@link #SETTLE_WAIT_MS} for their connection: their tasks are taken as lost now. */
    List<PoolEvent> overdue(long nowMs) {
        List<PoolEvent> delivered = new ArrayList<>();
        var waiting = unsettled.values().iterator();
        while (waiting.hasNext()) {
            PoolEvent.WorkerExited exited = waiting.next();
            if (nowMs - unsettledSince.get(exited.pid()) >= SETTLE_WAIT_MS) {
                waiting.remove();
                unsettledSince.remove(exited.pid());
                delivered.addAll(withExit(exited, nowMs));
            }
        }
        return delivered;
    }

    /** Whether an exit still waits for its connection, so that {@link #overdue} must be asked again. */
    boolean waiting() {
        return !unsettled.isEmpty();
    }

    /**
     * The script ended (or was stopped): workers that never reported an exit ended with it, and what they were
     * running ended unfinished.
     */
    List<PoolEvent> scriptEnded(String reason, long nowMs) {
        List<PoolEvent> delivered = new ArrayList<>();
        for (PoolEvent.WorkerExited exited : List.copyOf(unsettled.values())) {
            delivered.addAll(withExit(exited, nowMs));
        }
        unsettled.clear();
        unsettledSince.clear();
        for (long pid : workers) {
            if (!exits.containsKey(pid)) {
                PoolEvent.WorkerExited exited = new PoolEvent.WorkerExited(nowMs, pid, 0, true, reason);
                exits.put(pid, exited);
                delivered.add(exited);
                delivered.addAll(settle(exited, nowMs));
            }
        }
        for (long pid : List.copyOf(begun.keySet())) {
            // Begun on a worker never heard to start: its exit is unknown, its task is over all the same.
            delivered.addAll(settle(new PoolEvent.WorkerExited(nowMs, pid, 0, true, reason), nowMs));
        }
        return delivered;
    }

    private void ended(long pid, int task) {
        Map<Integer, PoolEvent.TaskStarted> running = begun.get(pid);
        if (running != null) {
            running.remove(task);
            if (running.isEmpty()) {
                begun.remove(pid);
            }
        }
    }

    private List<PoolEvent> withExit(PoolEvent.WorkerExited exited, long nowMs) {
        List<PoolEvent> delivered = new ArrayList<>();
        delivered.add(exited);
        delivered.addAll(settle(exited, nowMs));
        return delivered;
    }

    /** A final failure for each task the exited worker had begun and not ended. */
    private List<PoolEvent> settle(PoolEvent.WorkerExited exited, long nowMs) {
        Map<Integer, PoolEvent.TaskStarted> running = begun.remove(exited.pid());
        if (running == null) {
            return List.of();
        }
        List<PoolEvent> failures = new ArrayList<>();
        for (PoolEvent.TaskStarted started : running.values()) {
            FailureCause cause = exited.expected() ? FailureCause.HALTED_WHILE_RUNNING : FailureCause.WORKER_DIED;
            String error = exited.expected()
                    ? "ended unfinished: its worker stopped while it ran (" + exited.reason() + ")"
                    : "lost: its worker died (" + exited.reason() + ") and Python's Pool never runs it again, so "
                            + "a map() or get() waiting for it waits forever";
            failures.add(new PoolEvent.TaskFailed(nowMs, started.task(), started.line(), started.input(),
                    started.pid(), error, exited.exitCode(), Math.max(0, nowMs - started.timestampMs()),
                    started.attempt(), false, "", cause, started.host()));
        }
        return failures;
    }
}
