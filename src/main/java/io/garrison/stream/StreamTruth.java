package io.garrison.stream;

import io.garrison.engine.PoolEvent;
import io.garrison.engine.PoolSnapshot;
import io.garrison.engine.PoolState;
import io.garrison.engine.WorkerId;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a stream of events says the pool is, folded from the events alone: its live workers and what each runs,
 * which tasks ended and how, and the run's summary once it came. A picture drawn from a stream is judged against
 * this, as a picture of the app's own pool is judged against the pool's snapshot; it is kept apart from the views'
 * models on purpose, so a mistake in one is not copied into the judge.
 *
 * <p>Not thread-safe: fed in stream order by one thread.
 */
public final class StreamTruth {

    /** Live workers in start order, each with the tasks it has begun and not ended. */
    private final Map<WorkerId, List<Integer>> workers = new LinkedHashMap<>();
    /** Which worker runs each task now. */
    private final Map<Integer, WorkerId> runnerOf = new HashMap<>();
    private final BitSet seen = new BitSet();
    private final BitSet succeeded = new BitSet();
    private final BitSet failed = new BitSet();
    private PoolEvent.RunFinished summary;
    private long lastStampMs;
    private boolean workersAllLeftAfterRun;

    public void apply(PoolEvent event) {
        lastStampMs = Math.max(lastStampMs, event.timestampMs());
        if (event instanceof PoolEvent.WorkerStarted e) {
            workers.put(new WorkerId(e.host(), e.pid()), new ArrayList<>(1));
        } else if (event instanceof PoolEvent.WorkerExited e) {
            List<Integer> tasks = workers.remove(new WorkerId(e.host(), e.pid()));
            if (tasks != null) {
                tasks.forEach(runnerOf::remove);
            }
            workersAllLeftAfterRun = summary != null && workers.isEmpty();
        } else if (event instanceof PoolEvent.TaskStarted e) {
            seen.set(e.task());
            end(e.task());
            WorkerId id = new WorkerId(e.host(), e.pid());
            List<Integer> tasks = workers.computeIfAbsent(id, any -> new ArrayList<>(1));
            tasks.add(e.task());
            runnerOf.put(e.task(), id);
        } else if (event instanceof PoolEvent.TaskSucceeded e) {
            seen.set(e.task());
            end(e.task());
            succeeded.set(e.task());
        } else if (event instanceof PoolEvent.TaskFailed e) {
            seen.set(e.task());
            end(e.task());
            if (!e.willRetry()) {
                failed.set(e.task());
            }
        } else if (event instanceof PoolEvent.RunFinished e) {
            summary = e;
        }
    }

    private void end(int task) {
        WorkerId runner = runnerOf.remove(task);
        if (runner != null) {
            List<Integer> tasks = workers.get(runner);
            if (tasks != null) {
                tasks.remove(Integer.valueOf(task));
            }
        }
    }

    /**
     * The pool as the stream has told it so far, stamped with the latest event's time: running while workers or
     * tasks remain, terminated once the run finished and its workers all left (as a closed pool ends).
     */
    public PoolSnapshot snapshot() {
        List<PoolSnapshot.WorkerSnapshot> live = new ArrayList<>(workers.size());
        workers.forEach((id, tasks) -> live.add(new PoolSnapshot.WorkerSnapshot(id, !tasks.isEmpty())));
        PoolState state = workersAllLeftAfterRun ? PoolState.TERMINATED : PoolState.RUNNING;
        return new PoolSnapshot(lastStampMs, state, 0, live);
    }

    /** Tasks begun by a live worker and not yet ended. */
    public int runningTasks() {
        return runnerOf.size();
    }

    /** The latest stamp of the events folded so far; 0 before any. */
    public long lastStampMs() {
        return lastStampMs;
    }

    /** Workers started and not yet exited. */
    public int liveWorkers() {
        return workers.size();
    }

    /**
     * Tasks the stream has shown to exist: the run's total once it finished, else every task up to the highest one
     * any event named. A task below it not yet named is still queued: workers take tasks in chunks, and a chunk's
     * later tasks are named only as their worker begins them.
     */
    public int total() {
        int upToHighest = seen.length();
        return summary != null ? Math.max(summary.total(), upToHighest) : upToHighest;
    }

    public int succeeded() {
        return succeeded.cardinality();
    }

    public int failed() {
        return failed.cardinality();
    }

    /** Tasks a resumed run skipped: known only from its summary. */
    public int skipped() {
        return summary == null ? 0 : summary.skipped();
    }

    /** The run's summary, once the stream gave it; null before. */
    public PoolEvent.RunFinished summary() {
        return summary;
    }

    /** Whether the run finished and every worker of it has left. */
    public boolean poolEnded() {
        return workersAllLeftAfterRun;
    }
}
