package io.garrison.lessons;

import io.garrison.engine.PoolListener;
import io.garrison.engine.ProcessPool;
import io.garrison.engine.TaskFunction;
import io.garrison.shared.SharedArray;
import io.garrison.shared.SharedValue;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;

/**
 * The tutorial's shared memory program: the parent creates a double value (0.0) and an int array (0..9) in
 * shared memory; a worker process opens both by name and writes 3.14 into the value and 5 into element 0; the
 * parent then reads the changes the child made, proof that both processes use the same memory.
 *
 * <p>Plain Java, used by {@code garrison lesson shared-memory} and by the desktop app's lessons.
 */
public final class SharedMemoryLesson {

    private SharedMemoryLesson() {
    }

    /**
     * What the parent saw after the worker finished.
     *
     * @param value the shared value as the parent reads it
     * @param array the shared array as the parent reads it, e.g. {@code [5, 1, 2, ...]}
     * @param workerPid the PID of the worker process that wrote them
     */
    public record Outcome(double value, String array, long workerPid) {
        /** {@code value=3.14} and {@code array=[5, 1, 2, 3, 4, 5, 6, 7, 8, 9]}: the command line's output. */
        public List<String> lines() {
            return List.of("value=" + value, "array=" + array);
        }
    }

    /** Runs the lesson on a pool of its own with one worker. */
    public static Outcome run() throws InterruptedException, TimeoutException {
        try (ProcessPool pool = LessonPools.create(1)) {
            return run(pool);
        }
    }

    /** Runs the lesson's child step on one worker of {@code pool}, which the caller owns. */
    public static Outcome run(ProcessPool pool) throws InterruptedException, TimeoutException {
        try (SharedValue value = SharedValue.ofDouble(0.0);
             SharedArray array = SharedArray.ofInts(IntStream.range(0, 10).toArray())) {
            return run(pool, value, array, Duration.ZERO);
        }
    }

    /**
     * Runs the child step on {@code value} and {@code array}, which the caller created and may read while the
     * child works: the Lessons panel polls them every frame to show the cells change.
     *
     * @param pause how long the child waits before each of its two writes, so a class sees them happen
     */
    public static Outcome run(ProcessPool pool, SharedValue value, SharedArray array, Duration pause)
            throws InterruptedException, TimeoutException {
        // The task captures only the names: each process maps the memory itself, nothing is copied.
        String valueName = value.name();
        String arrayName = array.name();
        long pauseMs = pause.toMillis();
        TaskFunction<Integer, Long> child = ignored -> writeInChild(valueName, arrayName, pauseMs);
        long timeoutMs = LessonPools.TASK_TIMEOUT.toMillis();
        long pid = pool.applyAsync(child, 0).get(timeoutMs, TimeUnit.MILLISECONDS);
        return new Outcome(value.getDouble(), array.toString(), pid);
    }

    /** Runs the lesson on a pool of its own with one worker that {@code listener} watches. */
    public static Outcome run(SharedValue value, SharedArray array, Duration pause, PoolListener listener)
            throws InterruptedException, TimeoutException {
        try (ProcessPool pool = LessonPools.create(1, listener)) {
            return run(pool, value, array, pause);
        }
    }

    /** Runs inside the worker. */
    private static long writeInChild(String valueName, String arrayName, long pauseMs) throws InterruptedException {
        try (SharedValue value = SharedValue.open(valueName); SharedArray array = SharedArray.open(arrayName)) {
            Thread.sleep(pauseMs);
            value.setDouble(3.14);
            Thread.sleep(pauseMs);
            array.setLong(0, 5);
        }
        return ProcessHandle.current().pid();
    }
}
