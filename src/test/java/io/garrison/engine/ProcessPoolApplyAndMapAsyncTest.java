package io.garrison.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Python's {@code apply} and {@code map_async}, after CPython's {@code test_apply}, {@code test_map_async},
 * {@code test_map_async_callbacks}, {@code test_empty_iterable} and {@code test_traceback}
 * ({@code Lib/test/_test_multiprocessing.py}).
 */
@Timeout(90)
class ProcessPoolApplyAndMapAsyncTest {

    private static final int CALLBACK_TRIES = 300;

    private ProcessPool pool;

    @AfterEach
    void tearDown() {
        if (pool != null) {
            pool.terminate();
        }
    }

    @Test
    void applyWaitsForTheResultAndThrowsTheTasksOwnExceptionAsTheCause() {
        pool = ProcessPool.create(2);

        int square = pool.apply(x -> x * x, 5);
        Throwable thrown = catchThrowable(() -> pool.apply(x -> {
            throw new RuntimeException(Integer.toString(x));
        }, 123));

        assertThat(square).isEqualTo(25);
        assertThat(thrown).isInstanceOf(TaskFailedException.class);
        assertThat(thrown.getCause()).isExactlyInstanceOf(RuntimeException.class).hasMessage("123");
    }

    @Test
    void mapAsyncGivesTheMapsListOrItsFailureWithTheCallbacksRunFirst() throws Exception {
        pool = ProcessPool.create(2);
        List<Object> callArgs = new CopyOnWriteArrayList<>();

        List<Integer> squares = pool.<Integer, Integer>mapAsync(x -> x * x, IntStream.range(0, 10).boxed().toList())
                .get(20, TimeUnit.SECONDS);
        List<Integer> none = pool.<Integer, Integer>mapAsync(x -> x * x, List.of(), 1, null, null)
                .get(20, TimeUnit.SECONDS);
        List<Integer> parsed = pool.mapAsync(Integer::parseInt, List.of("1"), callArgs::add, callArgs::add)
                .get(20, TimeUnit.SECONDS);
        Throwable failed = catchThrowable(() -> pool.mapAsync(Integer::parseInt, List.of("a"), callArgs::add,
                callArgs::add).get(20, TimeUnit.SECONDS));

        assertThat(squares).isEqualTo(IntStream.range(0, 10).map(x -> x * x).boxed().toList());
        assertThat(none).isEmpty();
        assertThat(parsed).containsExactly(1);
        assertThat(failed).isInstanceOf(TaskFailedException.class);
        assertThat(failed.getCause()).isInstanceOf(NumberFormatException.class);
        assertThat(callArgs).hasSize(2);
        assertThat(callArgs.get(0)).isEqualTo(List.of(1));
        assertThat(callArgs.get(1)).isSameAs(failed);
    }

    @Test
    void mapAsyncThrowsTheLowestIndexFailureOnceEveryTaskHasEnded() throws Exception {
        pool = ProcessPool.create(2);

        AsyncResult<List<Integer>> result = pool.mapAsync(x -> {
            if (x % 3 == 2) {
                throw new IllegalArgumentException("bad " + x);
            }
            return x;
        }, IntStream.range(0, 30).boxed().toList(), 1, null, null);

        assertThat(catchThrowable(() -> result.get(20, TimeUnit.SECONDS))).hasMessageContaining("task 2 failed")
                .hasMessageContaining("bad 2");
        assertThat(result.successful()).isFalse();
    }

    @Test
    void theMapAsyncCallbackHasRunWhenGetReturns() throws Exception {
        pool = ProcessPool.create(2);
        AtomicReference<List<Integer>> collected = new AtomicReference<>();
        int late = 0;
        for (int i = 0; i < CALLBACK_TRIES; i++) {
            collected.set(null);
            List<Integer> got = pool.mapAsync(x -> x + 1, List.of(i, i + 1), collected::set, null)
                    .get(20, TimeUnit.SECONDS);
            if (collected.get() != got) {
                late++;
            }
        }
        assertThat(late).as("tries whose callback had not run when get() returned").isZero();
    }
}
