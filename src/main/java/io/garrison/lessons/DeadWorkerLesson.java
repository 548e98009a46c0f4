package io.garrison.lessons;

import io.garrison.engine.PoolEvent;
import io.garrison.engine.PoolListener;
import io.garrison.engine.ProcessPool;
import io.garrison.engine.TaskFailedException;
import io.garrison.engine.TaskFunction;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;

/**
 * When a soldier dies: a worker is killed (SIGKILL) while it runs a task of a {@code map}.
 *
 * <ul>
 *   <li>{@link Mode#PYTHON}: as Python's Pool does, the task dies with its worker and {@code map} waits for it
 *   forever. The lesson waits a visible, bounded time, then terminates the pool.</li>
 *   <li>{@link Mode#GARRISON}: the task is retried on another worker and {@code map} returns every result.</li>
 * </ul>
 */
public final class DeadWorkerLesson {

    /** Workers in the pool. */
    public static final int WORKERS = 3;

    /** Numbers the {@code map} squares, slowly. */
    public static final List<Integer> INPUTS = IntStream.rangeClosed(1, 6).boxed().toList();

    /** The input whose worker is killed. */
    public static final int VICTIM_INPUT = 2;

    private static final Duration KILL_AFTER = Duration.ofMillis(300);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration GARRISON_BOUND = Duration.ofMinutes(2);
    private static final Duration AFTER_TERMINATE = Duration.ofSeconds(2);

    private DeadWorkerLesson() {
    }

    /** How the pool treats a dead worker's task. */
    public enum Mode { PYTHON, GARRISON }

    /**
     * What happened.
     *
     * @param mode the pool's behaviour
     * @param killedPid the worker killed
     * @param lostInput the input it was working on
     * @param completed whether {@code map} returned by itself
     * @param results its results when it did, else empty
     * @param waitedMs how long the lesson waited for {@code map} after the kill
     * @param failure what {@code map} threw once the pool was terminated, else empty
     * @param callerInterrupted whether {@code map} still waited after {@code terminate()} (the lost task has no
     *                          answer to give), so the thread that called it had to be interrupted
     */
    public record Outcome(Mode mode, long killedPid, String lostInput, boolean completed, List<Integer> results,
                          long waitedMs, String failure, boolean callerInterrupted) {
    }

    /** Hears about the kill, on the thread that called {@link #run}. */
    @FunctionalInterface
    public interface Observer {
        /**
         * A worker was killed.
         *
         * @param giveUpAtMs when (epoch milliseconds) the lesson stops waiting for {@code map}
         */
        void killed(long pid, String input, long giveUpAtMs);
    }

    /**
     * Runs {@code map} on a pool of three, kills the worker squaring {@link #VICTIM_INPUT}, and waits at most
     * {@code patience} for {@code map} to return in Python's mode (Garrison's gets at least two minutes, as it
     * always answers); then terminates the pool, so nothing waits forever.
     *
     * @param taskMs how long each task works
     */
    public static Outcome run(Mode mode, long taskMs, Duration patience, PoolListener listener, Observer observer)
            throws InterruptedException, TimeoutException {
        CompletableFuture<PoolEvent.TaskStarted> victim = new CompletableFuture<>();
        PoolListener watcher = event -> {
            if (event instanceof PoolEvent.TaskStarted started && started.input().equals(Integer.toString(VICTIM_INPUT))) {
                victim.complete(started);
            }
            if (listener != null) {
                listener.onEvent(event);
            }
        };
        ProcessPool pool = LessonPools.builder(WORKERS)
                .losesTasksLikePython(mode == Mode.PYTHON)
                .retries(mode == Mode.PYTHON ? 0 : 1)
                .listener(watcher)
                .build();
        MapCall map = new MapCall(pool, LessonTasks.slowSquare(taskMs));
        try {
            PoolEvent.TaskStarted started = awaitOrFail(victim, START_TIMEOUT);
            Thread.sleep(KILL_AFTER.toMillis());
            long killedAt = System.currentTimeMillis();
            pool.killWorker(started.pid());
            // Garrison's pool answers every task, so its wait only guards against a broken machine.
            long waitMs = mode == Mode.PYTHON ? patience.toMillis()
                    : Math.max(patience.toMillis(), GARRISON_BOUND.toMillis());
            observer.killed(started.pid(), started.input(), killedAt + waitMs);

            try {
                List<Integer> results = map.result.get(waitMs, TimeUnit.MILLISECONDS);
                return new Outcome(mode, started.pid(), started.input(), true, results,
                        System.currentTimeMillis() - killedAt, "", false);
            } catch (TimeoutException e) {
                // Python would wait here forever; the lesson ends it as a user would, with terminate().
                long waitedMs = System.currentTimeMillis() - killedAt;
                pool.terminate();
                String failure = awaitFailure(map);
                return new Outcome(mode, started.pid(), started.input(), false, List.of(), waitedMs, failure,
                        failure.isEmpty());
            } catch (ExecutionException e) {
                return new Outcome(mode, started.pid(), started.input(), false, List.of(),
                        System.currentTimeMillis() - killedAt, String.valueOf(e.getCause().getMessage()), false);
            }
        } finally {
            pool.terminate();
            // Interrupted lessons (a closed window) must not leave a thread waiting for a lost task.
            map.abandon();
        }
    }

    /**
     * What {@code map} threw once the pool was terminated; empty if it still waited. A lost task has no owner
     * left to fail it, so the caller's thread may wait on; it is interrupted then, as Python leaves no other way.
     */
    private static String awaitFailure(MapCall map) throws InterruptedException {
        try {
            map.result.get(AFTER_TERMINATE.toMillis(), TimeUnit.MILLISECONDS);
            return "";
        } catch (TimeoutException e) {
            map.abandon();
            return "";
        } catch (ExecutionException e) {
            return e.getCause() instanceof TaskFailedException failed ? failed.getMessage() : String.valueOf(e.getCause());
        }
    }

    private static <T> T awaitOrFail(CompletableFuture<T> future, Duration timeout)
            throws InterruptedException, TimeoutException {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** {@code map} on a thread of its own, so the lesson can bound a wait that Python's {@code map} never bounds. */
    private static final class MapCall {
        final CompletableFuture<List<Integer>> result = new CompletableFuture<>();
        private final Thread caller;

        MapCall(ProcessPool pool, TaskFunction<Integer, Integer> task) {
            caller = new Thread(() -> {
                try {
                    result.complete(pool.map(task, INPUTS, 1));
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            }, "lesson-map-caller");
            caller.setDaemon(true);
            caller.start();
        }

        /** Stops waiting: the only way out of a map that lost a task. */
        void abandon() throws InterruptedException {
            if (caller.isAlive()) {
                caller.interrupt();
                caller.join(AFTER_TERMINATE.toMillis());
            }
        }
    }
}
