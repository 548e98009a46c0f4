package io.garrison.lessons;

import io.garrison.engine.AsyncResult;
import io.garrison.engine.PoolListener;
import io.garrison.engine.PoolState;
import io.garrison.engine.ProcessPool;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code apply_async}, {@code get}, {@code close} and {@code join}, one call at a time: each {@link #step()} makes
 * the next call of the program and reports what the pool looks like afterwards, so a class can watch which
 * process is busy between calls.
 *
 * <p>Not thread-safe: one caller steps it (the Lessons panel does so from one background thread at a time).
 */
public final class ApplyAsyncLesson implements AutoCloseable {

    /** The pool size of the program. */
    public static final int WORKERS = 3;

    /** The two inputs sent with {@code apply_async}. */
    public static final List<Integer> INPUTS = List.of(3, 4);

    /** Bounds every wait of a step, so a stuck machine shows an error instead of a frozen lesson. */
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);

    /** The calls of the program, in order. */
    public enum Step { START_POOL, APPLY_ASYNC, CHECK_READY, GET, CLOSE, JOIN, DONE }

    /**
     * The pool after one call.
     *
     * @param step the call just made
     * @param state the pool's state afterwards
     * @param workerPids the live workers afterwards
     * @param ready {@code ready()} of each result, where there are results
     * @param results the values {@code get} returned, after {@link Step#GET}
     */
    public record StepResult(Step step, PoolState state, List<Long> workerPids, List<Boolean> ready,
                             List<Integer> results) {
    }

    private final PoolListener listener;
    private final long workMs;
    private Step next = Step.START_POOL;
    private ProcessPool pool;
    private List<AsyncResult<Integer>> pending = List.of();
    private List<Integer> results = List.of();

    /**
     * @param workMs how long each task works before it answers, so {@code ready()} is visibly false at first
     * @param listener sees the pool's events; may be {@code null}
     */
    public ApplyAsyncLesson(long workMs, PoolListener listener) {
        this.workMs = workMs;
        this.listener = listener;
    }

    /** The call the next {@link #step()} makes; {@link Step#DONE} when the program has ended. */
    public Step next() {
        return next;
    }

    /**
     * Makes the next call and waits for it (only {@code get} and {@code join} take long).
     *
     * @throws IllegalStateException after the last step
     * @throws TimeoutException if a wait passed its bound
     */
    public StepResult step() throws InterruptedException, TimeoutException {
        Step step = next;
        switch (step) {
            case START_POOL -> {
                pool = LessonPools.create(WORKERS, listener);
                pool.awaitReady(LessonPools.READY_TIMEOUT);
            }
            case APPLY_ASYNC -> {
                long ms = workMs;
                pending = INPUTS.stream().map(x -> pool.applyAsync(LessonTasks.slowSquare(ms), x)).toList();
            }
            case CHECK_READY -> {
                // Nothing to do: the report below calls ready() on each result.
            }
            case GET -> {
                results = new java.util.ArrayList<>();
                for (AsyncResult<Integer> result : pending) {
                    results.add(result.get(STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
                }
                results = List.copyOf(results);
            }
            case CLOSE -> pool.close();
            case JOIN -> {
                if (!pool.join(STEP_TIMEOUT)) {
                    throw new TimeoutException("join");
                }
            }
            case DONE -> throw new IllegalStateException("the program has ended");
        }
        next = Step.values()[step.ordinal() + 1];
        return new StepResult(step, pool.state(), pool.workerPids(),
                pending.stream().map(AsyncResult::ready).toList(), results);
    }

    /** Ends the pool if the program was left half-way. */
    @Override
    public void close() {
        if (pool != null) {
            pool.terminate();
        }
    }

}
