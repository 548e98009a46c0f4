package io.garrison.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * As in CPython, whose result handler runs a task's callback before it marks the result ready: once {@code get()}
 * returns or throws, the callback has run, so {@code r.get(); use(whatTheCallbackCollected)} is correct code.
 * Each try races the caller's {@code get()} against the event thread's callback; before the callback was run
 * first, the caller won that race in a good share of a few hundred tries.
 */
@Timeout(120)
class ProcessPoolCallbackTest {

    private static final int SUCCESS_TRIES = 2_000;
    private static final int FAILURE_TRIES = 1_000;

    private ProcessPool pool;

    @AfterEach
    void tearDown() {
        if (pool != null) {
            pool.terminate();
        }
    }

    @Test
    void theSuccessCallbackHasRunWhenGetReturns() throws Exception {
        pool = ProcessPool.create(2);
        AtomicReference<Integer> collected = new AtomicReference<>();
        int late = 0;
        for (int i = 0; i < SUCCESS_TRIES; i++) {
            collected.set(null);
            AsyncResult<Integer> result = pool.applyAsync(x -> x + 1, i, collected::set, null);

            Integer value = result.get(20, TimeUnit.SECONDS);

            assertThat(value).isEqualTo(i + 1);
            if (!value.equals(collected.get())) {
                late++;
            }
        }
        assertThat(late).as("tries whose callback had not run when get() returned").isZero();
    }

    @Test
    void theErrorCallbackHasRunWhenGetThrows() throws Exception {
        pool = ProcessPool.create(2);
        AtomicReference<TaskFailedException> collected = new AtomicReference<>();
        int late = 0;
        for (int i = 0; i < FAILURE_TRIES; i++) {
            collected.set(null);
            AsyncResult<Integer> result = pool.applyAsync(x -> {
                throw new IllegalStateException("no " + x);
            }, i, null, collected::set);

            Throwable thrown = catchThrowable(() -> result.get(20, TimeUnit.SECONDS));

            assertThat(thrown).isInstanceOf(TaskFailedException.class).hasMessageContaining("no " + i);
            if (collected.get() == null) {
                late++;
            }
        }
        assertThat(late).as("tries whose error callback had not run when get() threw").isZero();
    }

    @Test
    void aCallbackThatThrowsStillLetsGetReturnItsResult() throws Exception {
        pool = ProcessPool.create(1);

        AsyncResult<Integer> result = pool.applyAsync(x -> x * 2, 21, value -> {
            throw new IllegalStateException("the callback's own bug");
        }, null);

        assertThat(result.get(20, TimeUnit.SECONDS)).isEqualTo(42);
        assertThat(result.successful()).isTrue();
    }
}
