package io.garrison.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code imap} and {@code imapUnordered} over a source read as the workers need it, as Python's read a generator;
 * the source's own error in its place. The generator and the expectations follow CPython's
 * {@code test_imap_handle_iterable_exception} and {@code test_imap_unordered_handle_iterable_exception}
 * ({@code Lib/test/_test_multiprocessing.py}).
 */
@Timeout(120)
class ProcessPoolLazyInputTest {

    private ProcessPool pool;

    @AfterEach
    void tearDown() {
        if (pool != null) {
            pool.terminate();
        }
    }

    /** CPython's {@code SayWhenError}. */
    static final class SayWhenError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SayWhenError() {
            super("Somebody said when");
        }
    }

    /** CPython's {@code exception_throwing_generator(total, when)}: 0, 1, ... and at {@code when} (-1: at once) the error. */
    private static Iterator<Integer> exceptionThrowingGenerator(int total, int when) {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                if (next == when || when == -1) {
                    throw new SayWhenError();
                }
                return next < total;
            }

            @Override
            public Integer next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return next++;
            }
        };
    }

    /** Counts the inputs it gives, for ever. */
    private static final class Endless implements Iterator<Integer> {
        final AtomicInteger given = new AtomicInteger();

        @Override
        public boolean hasNext() {
            return true;
        }

        @Override
        public Integer next() {
            return given.getAndIncrement();
        }
    }

    @Test
    void theSourcesErrorIsRaisedInItsPlaceAfterTheResultsBeforeIt() {
        pool = ProcessPool.create(2);
        TaskFunction<Integer, Integer> sqr = x -> x * x;

        Iterator<Integer> atOnce = pool.imap(sqr, exceptionThrowingGenerator(1, -1), 1);
        assertThat(catchThrowable(atOnce::next)).isInstanceOf(SayWhenError.class);
        assertThat(atOnce.hasNext()).as("nothing after the error").isFalse();

        Iterator<Integer> atThree = pool.imap(sqr, exceptionThrowingGenerator(10, 3), 1);
        assertThat(List.of(atThree.next(), atThree.next(), atThree.next())).containsExactly(0, 1, 4);
        assertThat(atThree.hasNext()).isTrue();
        assertThat(catchThrowable(atThree::next)).isInstanceOf(SayWhenError.class);
        assertThat(atThree.hasNext()).isFalse();

        // CPython raises at the start of the chunk the error cut short (6 results at chunk size 2, 4 at 4); each
        // input read before the error here has its result, whatever the chunk size.
        for (int chunk : new int[] {2, 4}) {
            Iterator<Integer> atSeven = pool.imap(sqr, exceptionThrowingGenerator(20, 7), chunk);
            List<Integer> before = new ArrayList<>();
            Throwable thrown = null;
            while (thrown == null) {
                try {
                    before.add(atSeven.next());
                } catch (SayWhenError e) {
                    thrown = e;
                }
            }
            assertThat(before).as("chunk %d", chunk).containsExactly(0, 1, 4, 9, 16, 25, 36);
        }
    }

    @Test
    void inCompletionOrderTheSourcesErrorComesAfterTheResultsOfEveryInputBeforeIt() {
        pool = ProcessPool.create(2);

        Iterator<Integer> unordered = pool.imapUnordered(x -> x * x, exceptionThrowingGenerator(10, 3), 1);
        Set<Integer> before = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            before.add(unordered.next());
        }

        assertThat(before).containsExactlyInAnyOrder(0, 1, 4);
        assertThat(catchThrowable(unordered::next)).isInstanceOf(SayWhenError.class);
        assertThat(unordered.hasNext()).isFalse();
    }

    @Test
    void anEndlessSourceIsReadOnlyAsFarAsTheResultsTaken() {
        pool = ProcessPool.create(2);
        Endless source = new Endless();

        Iterator<Integer> doubled = pool.imap(x -> 2 * x, source);
        List<Integer> first = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            first.add(doubled.next());
        }

        assertThat(first).isEqualTo(IntStream.range(0, 20_000).map(x -> 2 * x).boxed().toList());
        // Read ahead by at most two full blocks past what was taken, however long the pool runs on.
        assertThat(source.given.get()).isLessThanOrEqualTo(20_000 + 2 * InputFeeder.fullBlock(1, pool.size()));
    }

    @Test
    void aStreamIsReadAsTheWorkersNeedItAndClosedOnceRead() throws Exception {
        pool = ProcessPool.create(2);
        CountDownLatch closed = new CountDownLatch(1);
        List<PoolEvent.TaskSucceeded> succeeded = new CopyOnWriteArrayList<>();
        pool.addListener(event -> {
            if (event instanceof PoolEvent.TaskSucceeded s) {
                succeeded.add(s);
            }
        });
        Stream<Integer> inputs = Stream.iterate(0, x -> x < 50_000, x -> x + 1).onClose(closed::countDown);

        Iterator<Integer> unordered = pool.imapUnordered(x -> x + 1, inputs, 100);
        long sum = 0;
        int count = 0;
        while (unordered.hasNext()) {
            sum += unordered.next();
            count++;
        }

        assertThat(count).isEqualTo(50_000);
        assertThat(sum).isEqualTo(50_000L * 50_001 / 2);
        assertThat(closed.await(20, TimeUnit.SECONDS)).as("the stream was closed").isTrue();
        pool.close();
        pool.join();
        // Each block is a submission of its own; events still number the tasks by their place in the source.
        assertThat(succeeded).extracting(PoolEvent.TaskSucceeded::task).doesNotHaveDuplicates().hasSize(50_000)
                .allMatch(index -> index >= 0 && index < 50_000);
    }

    @Test
    void closeThenJoinRunsTheWholeSourceThoughNobodyTookTheResults() throws Exception {
        pool = ProcessPool.create(2);
        int inputs = 5 * InputFeeder.fullBlock(1, 2);

        Iterator<Integer> results = pool.imap(x -> x % 7, IntStream.range(0, inputs).iterator());
        pool.close();
        assertThat(pool.join(Duration.ofSeconds(90))).as("join returned").isTrue();

        List<Integer> all = new ArrayList<>();
        results.forEachRemaining(all::add);
        assertThat(all).isEqualTo(IntStream.range(0, inputs).map(x -> x % 7).boxed().toList());
    }

    @Test
    void terminateEndsTheReadingAndTheResultsEndSayingWhere() {
        pool = ProcessPool.create(2);
        Iterator<Integer> results = pool.imap(x -> x, new Endless());
        assertThat(results.next()).isZero();

        pool.terminate();
        TaskFailedException last = null;
        int outcomes = 1;
        while (results.hasNext()) {
            try {
                results.next();
            } catch (TaskFailedException e) {
                last = e;
            }
            outcomes++;
        }

        assertThat(last).isNotNull();
        assertThat(last.failureCause()).isEqualTo(FailureCause.NOT_RUN);
        assertThat(last.task()).isEqualTo(outcomes - 1);
        assertThat(last).hasMessageContaining("terminated").hasMessageContaining("not read");
        assertThatThrownBy(results::next).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void aLazyImapOnAPoolThatTakesNoTasksIsRefusedAtOnceAndItsStreamClosed() {
        pool = ProcessPool.create(1);
        pool.close();
        CountDownLatch closed = new CountDownLatch(1);

        assertThatThrownBy(() -> pool.imap(x -> x, new Endless())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> pool.imap(x -> x, Stream.of(1).onClose(closed::countDown)))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> pool.imapUnordered(x -> x, List.of(1).iterator(), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(closed.getCount()).as("the refused stream is closed").isZero();
    }
}
