package io.garrison.ui.timeline;

import io.garrison.engine.PoolEvent;
import io.garrison.engine.WorkerId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The task stream, as Dask draws it: one lane per worker process (host and PID), one bar per task attempt from its start to
 * its end, coloured by outcome. Keeps the latest {@value #MAX_BARS} bars so a million-task run stays lean.
 * Threading: FX thread only.
 */
public final class TimelineModel {

    static final int MAX_BARS = 100_000;

    /** How a bar ends. */
    public enum Outcome { RUNNING, SUCCEEDED, FAILED, RETRIED }

    /** One task attempt on one worker; {@code endMs} is 0 while it runs. */
    public static final class Bar {
        final WorkerId worker;
        final int task;
        final long startMs;
        long endMs;
        Outcome outcome = Outcome.RUNNING;

        Bar(WorkerId worker, int task, long startMs) {
            this.worker = worker;
            this.task = task;
            this.startMs = startMs;
        }

        /** The worker whose lane the bar is in: host and PID, as a PID names a process only on its host. */
        public WorkerId worker() {
            return worker;
        }

        public int task() {
            return task;
        }

        public long startMs() {
            return startMs;
        }

        public long endMs() {
            return endMs;
        }

        public Outcome outcome() {
            return outcome;
        }
    }

    private final Map<WorkerId, Integer> lanes = new LinkedHashMap<>();
    private final Map<WorkerId, Boolean> laneAlive = new HashMap<>();
    private final List<Bar> bars = new ArrayList<>();
    private final Map<Integer, Bar> running = new HashMap<>();
    private long firstMs;
    private long version;

    public void apply(List<PoolEvent> batch) {
        for (PoolEvent event : batch) {
            if (event instanceof PoolEvent.WorkerStarted e) {
                WorkerId worker = new WorkerId(e.host(), e.pid());
                lane(worker);
                laneAlive.put(worker, true);
            } else if (event instanceof PoolEvent.WorkerExited e) {
                laneAlive.put(new WorkerId(e.host(), e.pid()), false);
            } else if (event instanceof PoolEvent.TaskStarted e) {
                WorkerId worker = new WorkerId(e.host(), e.pid());
                lane(worker);
                Bar bar = new Bar(worker, e.task(), e.timestampMs());
                if (firstMs == 0) {
                    firstMs = e.timestampMs();
                }
                running.put(e.task(), bar);
                bars.add(bar);
            } else if (event instanceof PoolEvent.TaskSucceeded e) {
                end(e.task(), e.timestampMs(), Outcome.SUCCEEDED);
            } else if (event instanceof PoolEvent.TaskFailed e) {
                if (e.pid() != 0) {
                    end(e.task(), e.timestampMs(), e.willRetry() ? Outcome.RETRIED : Outcome.FAILED);
                }
            } else {
                continue;
            }
            version++;
        }
        if (bars.size() > MAX_BARS) {
            bars.subList(0, bars.size() - MAX_BARS / 2).clear();
        }
    }

    private void end(int task, long atMs, Outcome outcome) {
        Bar bar = running.remove(task);
        if (bar != null) {
            bar.endMs = atMs;
            bar.outcome = outcome;
        }
    }

    private int lane(WorkerId worker) {
        return lanes.computeIfAbsent(worker, k -> lanes.size());
    }

    /** Forgets bars (a new run starts); lanes of live workers stay. */
    public void reset() {
        bars.clear();
        running.clear();
        firstMs = 0;
        lanes.keySet().removeIf(worker -> !laneAlive.getOrDefault(worker, false));
        int i = 0;
        for (Map.Entry<WorkerId, Integer> entry : lanes.entrySet()) {
            entry.setValue(i++);
        }
        version++;
    }

    /** Lane index of each worker, in the order workers appeared. */
    public Map<WorkerId, Integer> lanes() {
        return lanes;
    }

    public boolean isAlive(WorkerId worker) {
        return laneAlive.getOrDefault(worker, false);
    }

    public List<Bar> bars() {
        return bars;
    }

    /** Epoch ms of the first task start of this run; 0 before. */
    public long firstMs() {
        return firstMs;
    }

    /** Changes whenever a bar or lane changed. */
    public long version() {
        return version;
    }

    public boolean hasRunning() {
        return !running.isEmpty();
    }
}
