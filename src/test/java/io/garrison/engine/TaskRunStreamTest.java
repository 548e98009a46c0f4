package io.garrison.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.garrison.task.TaskKinds;
import io.garrison.task.TaskListReader;
import io.garrison.task.TaskOptions;
import io.garrison.testing.Await;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.BitSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A list read as it runs: a bounded window of it in the parent, every task once, with its own index and line. */
@Timeout(120)
class TaskRunStreamTest {

    /** Past two blocks of read-ahead and into a third, so the window must slide for the run to end. */
    private static final int LINES = TaskRun.TASKS_AHEAD + TaskRun.BLOCK_TASKS + 1_000;
    private static final int INVALID_LINE = TaskRun.BLOCK_TASKS + 7;

    @Test
    void aLongListIsReadOnlyAsFarAsTheWindowWhileNoTaskEndsAndThenRunsWhole(@TempDir Path dir) throws Exception {
        GeneratedList list = new GeneratedList(LINES);
        BitSet outcomes = new BitSet();
        Map<Integer, Integer> invalidLines = new ConcurrentHashMap<>();
        AtomicLong repeated = new AtomicLong();
        ProcessPool pool = ProcessPool.builder().size(2).listener(event -> {
            int task = -1;
            if (event instanceof PoolEvent.TaskSucceeded done) {
                task = done.task();
            } else if (event instanceof PoolEvent.TaskFailed failure && !failure.willRetry()) {
                task = failure.task();
                invalidLines.put(task, failure.line());
            }
            if (task >= 0) {
                synchronized (outcomes) {
                    if (outcomes.get(task)) {
                        repeated.incrementAndGet();
                    }
                    outcomes.set(task);
                }
            }
        }).build();
        try {
            pool.setPaused(true);
            TaskRun run = TaskRun.stream(pool, reader(list), "square", TaskOptions.builder().outputDir(dir).build(),
                    0, TaskRun.Skip.NONE);

            // Nothing ends while the pool is paused: the reader stops when the window is full, and waits.
            Await.await("the list reader waits for room", () -> readerWaits(), Duration.ofSeconds(30));
            assertThat(run.tasksKnown()).isEqualTo(TaskRun.TASKS_AHEAD);
            assertThat(run.listRead()).isFalse();
            assertThat(list.served()).isLessThan(list.bytesOfLines(TaskRun.TASKS_AHEAD + 2_000) + (1 << 16));

            pool.setPaused(false);
            RunSummary summary = run.await();

            int tasks = GeneratedList.tasksIn(LINES);
            assertThat(summary.total()).isEqualTo(tasks);
            assertThat(summary.failed()).isEqualTo(1);
            assertThat(summary.succeeded()).isEqualTo(tasks - 1);
            assertThat(run.listRead()).isTrue();
            assertThat(run.readError()).isEmpty();
            pool.close();
            pool.join();
        } finally {
            pool.terminate();
        }
        assertThat(repeated.get()).as("tasks with two outcomes").isZero();
        assertThat(outcomes.cardinality()).isEqualTo(GeneratedList.tasksIn(LINES));
        assertThat(invalidLines).containsExactly(Map.entry(GeneratedList.tasksIn(INVALID_LINE - 1), INVALID_LINE));
    }

    @Test
    void skippedTasksAreKnownByTheirIndexInTheWholeListAcrossBlocks(@TempDir Path dir) throws Exception {
        GeneratedList list = new GeneratedList(LINES);
        BitSet outcomes = new BitSet();
        ProcessPool pool = ProcessPool.builder().size(2).listener(event -> {
            if (event instanceof PoolEvent.TaskSucceeded done) {
                synchronized (outcomes) {
                    outcomes.set(done.task());
                }
            }
        }).build();
        RunSummary summary;
        try {
            // Skip every task whose input is the line number ending in 000: its index and line must agree.
            TaskRun.Skip skip = (index, line, input) -> {
                assertThat(input).isEqualTo(line == INVALID_LINE ? "x" : String.valueOf(line));
                assertThat(index).isEqualTo(GeneratedList.tasksIn(line - 1));
                return line % 1_000 == 0;
            };
            summary = TaskRun.stream(pool, reader(list), "square", TaskOptions.builder().outputDir(dir).build(), 0,
                    skip).await();
            pool.close();
            pool.join();
        } finally {
            pool.terminate();
        }
        int skippable = 0;
        for (int line = 1_000; line <= LINES; line += 1_000) {
            if (!GeneratedList.isComment(line)) {
                skippable++;
                assertThat(outcomes.get(GeneratedList.tasksIn(line - 1))).as("line %d skipped", line).isFalse();
            }
        }
        assertThat(summary.skipped()).isEqualTo(skippable);
        assertThat(summary.succeeded() + summary.failed() + summary.skipped()).isEqualTo(summary.total());
        assertThat(outcomes.cardinality()).isEqualTo(summary.succeeded());
    }

    private static TaskListReader reader(GeneratedList list) {
        return new TaskListReader(TaskKinds.require("square"), TaskOptions.builder().build(), list);
    }

    private static boolean readerWaits() {
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().equals("garrison-list-reader")) {
                return thread.getState() == Thread.State.WAITING;
            }
        }
        return false;
    }

    /**
     * Lines 1..n made as they are read, counting the bytes served: line k is k, every 50,000th a comment, and
     * line {@link #INVALID_LINE} is not a number.
     */
    private static final class GeneratedList extends InputStream {
        private final int lines;
        private int nextLine = 1;
        private byte[] current = new byte[0];
        private int position;
        private long served;

        GeneratedList(int lines) {
            this.lines = lines;
        }

        static boolean isComment(int line) {
            return line % 50_000 == 0;
        }

        /** Tasks on lines 1..line: every line but the comments. */
        static int tasksIn(int line) {
            return line - line / 50_000;
        }

        static String text(int line) {
            return isComment(line) ? "# every 50,000th line" : line == INVALID_LINE ? "x" : String.valueOf(line);
        }

        long bytesOfLines(int count) {
            long bytes = 0;
            for (int line = 1; line <= count; line++) {
                bytes += text(line).length() + 1;
            }
            return bytes;
        }

        synchronized long served() {
            return served;
        }

        @Override
        public synchronized int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public synchronized int read(byte[] into, int offset, int length) {
            if (position == current.length) {
                if (nextLine > lines) {
                    return -1;
                }
                current = (text(nextLine++) + "\n").getBytes(StandardCharsets.US_ASCII);
                position = 0;
            }
            int n = Math.min(length, current.length - position);
            System.arraycopy(current, position, into, offset, n);
            position += n;
            served += n;
            return n;
        }
    }
}
