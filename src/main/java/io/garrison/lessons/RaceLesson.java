package io.garrison.lessons;

import io.garrison.engine.PoolListener;
import io.garrison.engine.ProcessPool;
import io.garrison.engine.TaskFunction;
import io.garrison.shared.SharedType;
import io.garrison.shared.SharedValue;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The race condition lesson: K worker processes each add 1 to one shared counter M times, first with a plain
 * read and write (updates get lost when two processes read the same old value), then holding the counter's
 * cross-process lock around the read and write (the total is exact).
 *
 * <p>Plain Java, used by {@code garrison lesson race} and by the desktop app's lessons. Workers meet at a start
 * gate before counting, so they really count at the same time instead of one after the other as they happen
 * to start.
 */
public final class RaceLesson {

    /** How long a worker waits at the gate for the others before it counts anyway (never forever). */
    private static final Duration GATE_TIMEOUT = Duration.ofSeconds(10);

    private RaceLesson() {
    }

    /**
     * The two counts.
     *
     * @param workers K, the number of counting tasks
     * @param increments M, how many times each adds 1
     * @param unlocked the counter after the run without the lock
     * @param locked the counter after the run with the lock
     * @param workerPids the PIDs of the processes that counted
     */
    public record Outcome(int workers, int increments, long unlocked, long locked, List<Long> workerPids) {
        public long expected() {
            return (long) workers * increments;
        }

        /** {@code unlocked expected=40000 actual=23817} and the {@code locked} line: the command line's output. */
        public List<String> lines() {
            return List.of("unlocked expected=" + expected() + " actual=" + unlocked,
                    "locked expected=" + expected() + " actual=" + locked);
        }
    }

    /** Runs the lesson on a pool of its own with {@code workers} processes. */
    public static Outcome run(int workers, int increments) throws InterruptedException {
        try (ProcessPool pool = LessonPools.create(workers)) {
            return run(pool, workers, increments);
        }
    }

    /** Runs the lesson on a pool of its own with {@code workers} processes that {@code listener} watches. */
    public static Outcome run(int workers, int increments, PoolListener listener) throws InterruptedException {
        try (ProcessPool pool = LessonPools.create(workers, listener)) {
            return run(pool, workers, increments);
        }
    }

    /**
     * Runs the lesson as {@code workers} tasks on {@code pool}, which the caller owns. With fewer processes than
     * tasks, the gate lets each process's first task start together and the rest follow.
     *
     * @throws io.garrison.engine.TaskFailedException if a counting task fails
     */
    public static Outcome run(ProcessPool pool, int workers, int increments) throws InterruptedException {
        if (workers < 1 || increments < 0) {
            throw new IllegalArgumentException("need at least one worker and no negative increments");
        }
        // Counting starts only when every worker is up; otherwise early ones would finish alone.
        pool.awaitReady(GATE_TIMEOUT);
        int together = Math.min(workers, pool.size());
        long unlocked = count(pool, workers, increments, together, false).total();
        Counted locked = count(pool, workers, increments, together, true);
        return new Outcome(workers, increments, unlocked, locked.total(), locked.pids());
    }

    private record Counted(long total, List<Long> pids) {
    }

    private static Counted count(ProcessPool pool, int workers, int increments, int together, boolean withLock) {
        try (SharedValue counter = SharedValue.create(SharedType.LONG);
             SharedValue gate = SharedValue.create(SharedType.LONG)) {
            String counterName = counter.name();
            String gateName = gate.name();
            TaskFunction<Integer, Long> task = ignored -> countInChild(counterName, gateName, together, increments, withLock);
            List<Long> pids = pool.map(task, IntStream.range(0, workers).boxed().toList(), 1);
            return new Counted(counter.getLong(), pids.stream().distinct().collect(Collectors.toList()));
        }
    }

    /** Runs inside a worker: waits at the gate, then adds 1 {@code increments} times; returns its PID. */
    private static long countInChild(String counterName, String gateName, int together, int increments,
                                     boolean withLock) {
        try (SharedValue counter = SharedValue.open(counterName); SharedValue gate = SharedValue.open(gateName)) {
            gate.getAndAdd(1);
            long deadline = System.nanoTime() + GATE_TIMEOUT.toNanos();
            while (gate.getLong() < together && System.nanoTime() - deadline < 0) {
                Thread.onSpinWait();
            }
            for (int i = 0; i < increments; i++) {
                if (withLock) {
                    try (var held = counter.lock()) {
                        counter.setLong(counter.getLong() + 1);
                    }
                } else {
                    // Read, then write: another process may write in between, and one of the two adds is lost.
                    counter.setLong(counter.getLong() + 1);
                }
            }
        }
        return ProcessHandle.current().pid();
    }
}
