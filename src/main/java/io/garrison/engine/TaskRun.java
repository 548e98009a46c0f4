package io.garrison.engine;

import io.garrison.task.TaskKind;
import io.garrison.task.TaskKinds;
import io.garrison.protocol.FrameOutput;
import io.garrison.task.SafeFileNames;
import io.garrison.task.TaskList;
import io.garrison.task.Utf8Sink;
import io.garrison.task.TaskOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * One pass of a task list through a pool. Valid lines become tasks whose event index is their position in
 * the list; invalid lines fail at once with {@code line N: reason} and never reach a worker; lines a joblog
 * shows done are skipped. When every task has an outcome, a {@link PoolEvent.RunFinished} follows the last
 * task event.
 */
public final class TaskRun {

    /** Why a stopped run halts its pool. */
    public static final HaltReason STOPPED_BY_USER = new HaltReason("the run was stopped");
    /** The reason given to tasks that never ran because the run was stopped. */
    public static final String STOPPED = STOPPED_BY_USER.notRunReason();

    private final ProcessPool pool;
    private final long startNanos = System.nanoTime();
    private final CompletableFuture<RunSummary> finished = new CompletableFuture<>();
    private final int total;
    private int succeeded;
    private int failed;
    private int skipped;
    private int outstanding;

    private TaskRun(ProcessPool pool, int total) {
        this.pool = pool;
        this.total = total;
    }

    /** Starts a run with the default chunk size. */
    public static TaskRun start(ProcessPool pool, TaskList list, String kind, TaskOptions options) {
        return start(pool, list, kind, options, 0, Set.of());
    }

    /**
     * @param chunkSize tasks per message to a worker; 0 picks {@link #defaultChunkSize}
     * @param skip      indices of tasks not to run (already done, from a joblog)
     */
    public static TaskRun start(ProcessPool pool, TaskList list, String kind, TaskOptions options, int chunkSize,
                                Set<Integer> skip) {
        if (kind.equals("download") || kind.equals("command")) {
            // A worker killed with its parent (kill -9) left its half-written files for the next run to remove.
            int removed = SafeFileNames.removeStaleTemporaries(options.outputDir());
            if (removed > 0) {
                System.getLogger(TaskRun.class.getName()).log(System.Logger.Level.DEBUG, "removed {0} stale temporary file(s) from {1}", removed,
                        options.outputDir());
            }
        }
        TaskRun run = new TaskRun(pool, list.size());
        run.submit(list, kind, options, chunkSize, skip);
        return run;
    }

    /**
     * Python's {@code map} rule for tasks that take microseconds (square); one at a time for kinds whose tasks
     * take milliseconds or more, where the messages cost nothing next to the task and a big chunk would leave
     * one worker busy at the end while the others idle.
     */
    public static int defaultChunkSize(String kind, int tasks, int workers) {
        return kind.equals("square") ? ChunkSizes.pythonDefault(tasks, workers) : 1;
    }

    private void submit(TaskList list, String kind, TaskOptions options, int chunkSize, Set<Integer> skip) {
        TaskKind taskKind = TaskKinds.require(kind);
        FunctionRef function = pool.core().functions().kind(taskKind.name(), options);
        Submission.ResultSink sink = new Submission.ResultSink() {
            @Override
            public void succeeded(int position, Object result) {
                finishOne(true);
            }

            @Override
            public void succeeded(int firstPosition, ResultColumn results, int from, int count) {
                finishSome(count, 0);
            }

            @Override
            public void failed(int position, Submission.FailedTask failure) {
                finishOne(false);
            }
        };
        int[] runnable = new int[list.size()];
        int runnableCount = 0;
        List<Integer> invalid = new ArrayList<>();
        boolean anySkips = !skip.isEmpty();
        boolean anyProblems = !list.problems().isEmpty();
        for (int i = 0; i < list.size(); i++) {
            if (anySkips && skip.contains(i)) {
                skipped++;
            } else if (anyProblems && list.problem(i).isPresent()) {
                invalid.add(i);
            } else {
                runnable[runnableCount++] = i;
            }
        }
        synchronized (this) {
            outstanding = runnableCount + invalid.size();
        }
        for (int i : invalid) {
            pool.core().publish(new PoolEvent.TaskFailed(System.currentTimeMillis(), i, list.line(i), list.input(i), 0,
                    list.problem(i).orElseThrow(), -1, 0, 0, false, "", FailureCause.INVALID_LINE));
            finishOne(false);
        }
        if (runnableCount > 0) {
            int size = chunkSize > 0 ? chunkSize : defaultChunkSize(taskKind.name(), runnableCount, pool.size());
            try {
                pool.core().submit(new Submission(function, new ListTasks(list, runnable, runnableCount), sink, size));
            } catch (IllegalStateException notRunning) {
                // The pool halted before the run began (its workers cannot start, Ctrl-C came, the output closed):
                // each task still gets its outcome and the run its end, which readers of the events count on.
                String reason = pool.core().notRunReason();
                for (int p = 0; p < runnableCount; p++) {
                    int i = runnable[p];
                    pool.core().publish(new PoolEvent.TaskFailed(System.currentTimeMillis(), i, list.line(i),
                            list.input(i), 0, reason, -1, 0, 0, false, "", FailureCause.NOT_RUN));
                }
                finishSome(0, runnableCount);
            }
        } else {
            maybeFinish();
        }
    }

    /** The runnable tasks of a list, by position among them; events carry their index in the whole list. */
    private record ListTasks(TaskList list, int[] listIndices, int size) implements Submission.TaskSource {
        @Override
        public Object input(int position) {
            return list.input(listIndices[position]);
        }

        @Override
        public boolean writeInput(int position, FrameOutput out) {
            // Anonymous, not a lambda, and made per call: a writer thread per worker calls this at once.
            list.copyInput(listIndices[position], new Utf8Sink() {
                @Override
                public void write(byte[] bytes, int offset, int length) {
                    out.writeStringValue(bytes, offset, length);
                }
            });
            return true;
        }

        @Override
        public int index(int position) {
            return listIndices[position];
        }

        @Override
        public int line(int position) {
            return list.line(listIndices[position]);
        }
    }

    private void finishOne(boolean success) {
        finishSome(success ? 1 : 0, success ? 0 : 1);
    }

    private void finishSome(int successes, int failures) {
        synchronized (this) {
            succeeded += successes;
            failed += failures;
            outstanding -= successes + failures;
        }
        maybeFinish();
    }

    private void maybeFinish() {
        RunSummary summary;
        synchronized (this) {
            if (outstanding > 0 || finished.isDone()) {
                return;
            }
            summary = new RunSummary(total, succeeded, failed, skipped, (System.nanoTime() - startNanos) / 1_000_000L);
        }
        pool.core().publish(new PoolEvent.RunFinished(System.currentTimeMillis(), summary.total(), summary.succeeded(),
                summary.failed(), summary.skipped(), summary.elapsedMs()));
        finished.complete(summary);
    }

    /** First Ctrl-C: hand out nothing more; tasks not yet started fail as never run, running ones finish. */
    public void stopHandingOut() {
        pool.halt(STOPPED_BY_USER, false);
    }

    public boolean isFinished() {
        return finished.isDone();
    }

    /** Waits for every task's outcome, then for its events to be delivered. */
    public RunSummary await() throws InterruptedException {
        try {
            RunSummary summary = finished.get();
            pool.core().awaitEventsDelivered();
            return summary;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
