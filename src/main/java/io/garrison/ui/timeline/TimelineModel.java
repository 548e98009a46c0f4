package io.garrison.ui.timeline;

import io.garrison.engine.PoolEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The task stream, as Dask draws it: one lane per worker process, one bar per task attempt from its start to
 * its end, coloured by outcome. Keeps the latest {@value #MAX_BARS} bars so a million-task run stays lean.
 * Threading: FX thread only.
 */
public final class TimelineModel {

    static final int MAX_BARS = 100_000;

    /** How a bar ends. */
    public enum Outcome { RUNNING, SUCCEEDED, FAILED, RETRIED }

    /** One task attempt on one worker; {@code endMs} is 0 while it runs. */
    public static final class Bar {
        final long pid;
        final int task;
        final long startMs;
        long endMs;
        Outcome outcome = Outcome.RUNNING;

        Bar(long pid, int task, long startMs) {
            this.pid = pid;
            this.task = task;
            this.startMs = startMs;
        }

        public long pid() {
            return pid;
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

    private final Map<Long, Integer> lanes = new LinkedHashMap<>();
    private final Map<Long, Boolean> laneAlive = new HashMap<>();
    private final List<Bar> bars = new ArrayList<>();
    private final Map<Integer, Bar> running = new HashMap<>();
    private long firstMs;
    private long version;

    public void apply(List<PoolEvent> batch) {
        for (PoolEvent event : batch) {
            if (event instanceof PoolEvent.WorkerStarted e) {
                lane(e.pid());
                laneAlive.put(e.pid(), true);
            } else if (event instanceof PoolEvent.WorkerExited e) {
                laneAlive.put(e.pid(), false);
            } else if (event instanceof PoolEvent.TaskStarted e) {
                lane(e.pid());
                Bar bar = new Bar(e.pid(), e.task(), e.timestampMs());
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

    private int lane(long pid) {
        return lanes.computeIfAbsent(pid, k -> lanes.size());
    }

    /** Forgets bars (a new run starts); lanes of live workers stay. */
    public void reset() {
        bars.clear();
        running.clear();
        firstMs = 0;
        lanes.keySet().removeIf(pid -> !laneAlive.getOrDefault(pid, false));
        int i = 0;
        for (Map.Entry<Long, Integer> entry : lanes.entrySet()) {
            entry.setValue(i++);
        }
        version++;
    }

    /** Lane index of each worker PID, in the order workers appeared. */
    public Map<Long, Integer> lanes() {
        return lanes;
    }

    public boolean isAlive(long pid) {
        return laneAlive.getOrDefault(pid, false);
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
