package io.garrison.engine;

import io.garrison.task.DownloadNames;
import io.garrison.task.TaskKinds;
import io.garrison.protocol.FrameOutput;
import io.garrison.task.SafeFileNames;
import io.garrison.task.TaskList;
import io.garrison.task.Utf8Sink;
import io.garrison.task.TaskOptions;
import io.garrison.task.ResumableParts;
import io.garrison.task.TaskListReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * One pass of a task list through a pool. Valid lines become tasks whose event index is their position in
 * the list; invalid lines fail at once with {@code line N: reason} and never reach a worker; lines a joblog
 * shows done are skipped. When every task has an outcome, a {@link PoolEvent.RunFinished} follows the last
 * task event.
 *
 * <p>A list given whole ({@link #start}) is submitted at once. A list given as a reader ({@link #stream}) is
 * read a block at a time, and the next block is read only while fewer than {@link #TASKS_AHEAD} tasks wait for
 * their outcome, so the parent holds a bounded window of the list however long it is.
 *
 * <p>A download's file name depends on the other URLs of its list ({@link DownloadNames}): a list given whole
 * has them found here, a list given as a reader must come with them in its options. With
 * {@link TaskOptions#NO_CLOBBER}, a download whose file is already in the output folder succeeds at once, its
 * event marked {@code alreadyThere}, and never reaches a worker.
 */
public final class TaskRun {

    /** Why a stopped run halts its pool. */
    public static final HaltReason STOPPED_BY_USER = new HaltReason("the run was stopped");
    /** The reason given to tasks that never ran because the run was stopped. */
    public static final String STOPPED = STOPPED_BY_USER.notRunReason();

    /**
     * The tasks of a streamed list read at a time. Big enough that a list of this size or less is one
     * submission with the chunk size it always had, small enough that a block costs megabytes.
     */
    static final int BLOCK_TASKS = 1 << 17;
    /** The inputs of a block are cut at this many bytes too, for lists of long lines. */
    static final int BLOCK_BYTES = 16 << 20;
    /**
     * The most tasks read and awaiting their outcome: a block is read once a whole block's worth have ended, so
     * workers always have a block queued and never wait for the reader.
     */
    static final int TASKS_AHEAD = 2 * BLOCK_TASKS;

    /** Which tasks of a list not to run, by their index, line and input (those a joblog shows done). */
    public interface Skip {
        Skip NONE = null;

        boolean skips(int index, int line, String input);

        /** The tasks whose index is in {@code indices}. */
        static Skip indices(Set<Integer> indices) {
            return indices.isEmpty() ? NONE : new Skip() {
                @Override
                public boolean skips(int index, int line, String input) {
                    return indices.contains(index);
                }
            };
        }
    }

    private final ProcessPool pool;
    private final FunctionRef function;
    private final String kind;
    private final int chunkSize;
    private final Submission.ResultSink sink;
    private final java.nio.file.Path outputDir;
    /** The names of the list's downloads, to skip those whose file is there; null without --no-clobber. */
    private final DownloadNames noClobber;
    private final long startNanos = System.nanoTime();
    private final CompletableFuture<RunSummary> finished = new CompletableFuture<>();
    /** Guarded by this, as are the counts below. */
    private int total;
    private boolean listEnded;
    private int succeeded;
    private int failed;
    private int skipped;
    /** Tasks read and not yet given an outcome. */
    private int outstanding;
    private volatile IOException readError;

    private TaskRun(ProcessPool pool, String kind, TaskOptions options, int chunkSize) {
        this.pool = pool;
        this.outputDir = options.outputDir();
        this.kind = TaskKinds.require(kind).name();
        this.function = pool.core().functions().kind(this.kind, options);
        this.chunkSize = chunkSize;
        this.noClobber = this.kind.equals("download") && options.isOn(TaskOptions.NO_CLOBBER)
                ? DownloadNames.of(options) : null;
        this.sink = new Submission.ResultSink() {
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
        return start(pool, list, kind, options, chunkSize, Skip.indices(skip));
    }

    /** @param skip the tasks not to run, or {@link Skip#NONE} */
    public static TaskRun start(ProcessPool pool, TaskList list, String kind, TaskOptions options, int chunkSize,
                                Skip skip) {
        boolean namesToFind = kind.equals("download") && options.get(TaskOptions.NAME_CLASHES).isEmpty();
        TaskRun run = prepare(pool, kind, namesToFind ? DownloadNames.in(list).addedTo(options) : options, chunkSize);
        run.submitBlock(list, 0, skip);
        run.endOfList();
        return run;
    }

    /**
     * Starts a run that reads its list from {@code reader} as the workers need it: the first block here, the
     * rest on a thread of its own, which closes the reader at the end. A list that ends within the first block
     * runs exactly as one given whole. An error reading the list ends the run after the tasks read before it
     * (see {@link #readError()}).
     *
     * @param options   for a download list, with the names {@link DownloadNames#in} found in the whole list
     * @param chunkSize tasks per message to a worker; 0 picks {@link #defaultChunkSize} for each block
     * @param skip      the tasks not to run, or {@link Skip#NONE}
     * @throws IllegalArgumentException for a download list whose options carry no names
     */
    public static TaskRun stream(ProcessPool pool, TaskListReader reader, String kind, TaskOptions options,
                                 int chunkSize, Skip skip) throws IOException {
        if (kind.equals("download") && options.get(TaskOptions.NAME_CLASHES).isEmpty()) {
            throw new IllegalArgumentException("a download list read as it runs needs the names of its whole list: "
                    + "DownloadNames.in(a reader of it).addedTo(options)");
        }
        TaskRun run = prepare(pool, kind, options, chunkSize);
        try {
            run.submitBlock(reader.nextBlock(BLOCK_TASKS, BLOCK_BYTES), 0, skip);
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw e;
        }
        if (reader.ended()) {
            reader.close();
            run.endOfList();
        } else {
            Thread feeder = new Thread(new Runnable() {
                @Override
                public void run() {
                    run.feed(reader, skip);
                }
            }, "garrison-list-reader");
            feeder.setDaemon(true);
            feeder.start();
        }
        return run;
    }

    private static TaskRun prepare(ProcessPool pool, String kind, TaskOptions options, int chunkSize) {
        if (kind.equals("download")) {
            ResumableParts.prepareFolder(options.outputDir(), options.isOn(TaskOptions.CONTINUE));
        }
        if (kind.equals("download") || kind.equals("command")) {
            // A worker killed with its parent (kill -9) left its half-written files for the next run to remove.
            int removed = SafeFileNames.removeStaleTemporaries(options.outputDir());
            if (removed > 0) {
                System.getLogger(TaskRun.class.getName()).log(System.Logger.Level.DEBUG, "removed {0} stale temporary file(s) from {1}", removed,
                        options.outputDir());
            }
        }
        return new TaskRun(pool, kind, options, chunkSize);
    }

    /**
     * Python's {@code map} rule for tasks that take microseconds (square); one at a time for kinds whose tasks
     * take milliseconds or more, where the messages cost nothing next to the task and a big chunk would leave
     * one worker busy at the end while the others idle.
     */
    public static int defaultChunkSize(String kind, int tasks, int workers) {
        return kind.equals("square") ? ChunkSizes.pythonDefault(tasks, workers) : 1;
    }

    /** The feeder thread: a block whenever the window has room, until the list ends or the pool is terminated. */
    private void feed(TaskListReader reader, Skip skip) {
        try (reader) {
            while (!reader.ended() && awaitRoom()) {
                int first = reader.tasksRead();
                submitBlock(reader.nextBlock(BLOCK_TASKS, BLOCK_BYTES), first, skip);
            }
        } catch (UncheckedIOException e) {
            readError = e.getCause();
        } catch (IOException | RuntimeException | Error e) {
            // Whatever stops the reading (a broken pipe, a full heap) ends the run short, and says so: a run that
            // quietly stopped at the task it could not read would look complete.
            readError = e instanceof IOException io ? io : new IOException(e.toString(), e);
        } catch (InterruptedException e) {
            readError = new IOException("reading the list was interrupted", e);
            Thread.currentThread().interrupt();
        } finally {
            endOfList();
        }
    }

    /**
     * Waits until a block more keeps the tasks awaiting their outcome within {@link #TASKS_AHEAD}. False once
     * the pool takes no more tasks (a halt: Ctrl-C, a halt policy, a closed output, workers that cannot start;
     * or terminate): the rest of the list is then never read, since a pipe may never end. The tasks read get
     * their outcomes; the run's total counts them.
     */
    private boolean awaitRoom() throws InterruptedException {
        synchronized (this) {
            while (outstanding + BLOCK_TASKS > TASKS_AHEAD) {
                wait();
            }
        }
        return pool.core().takesTasks();
    }

    /** Runs a block whose task {@code i} is task {@code firstIndex + i} of the list. */
    private void submitBlock(TaskList block, int firstIndex, Skip skip) {
        int[] runnable = new int[block.size()];
        int runnableCount = 0;
        int skippedHere = 0;
        List<Integer> invalid = new ArrayList<>();
        List<Integer> alreadyThere = new ArrayList<>();
        boolean anyProblems = !block.problems().isEmpty();
        for (int i = 0; i < block.size(); i++) {
            if (skip != Skip.NONE && skip.skips(firstIndex + i, block.line(i), block.input(i))) {
                skippedHere++;
            } else if (anyProblems && block.problem(i).isPresent()) {
                invalid.add(i);
            } else if (noClobber != null && Files.exists(outputDir.resolve(noClobber.fileName(block.input(i))))) {
                alreadyThere.add(i);
            } else {
                runnable[runnableCount++] = i;
            }
        }
        synchronized (this) {
            total += block.size();
            skipped += skippedHere;
            outstanding += runnableCount + invalid.size() + alreadyThere.size();
        }
        for (int i : invalid) {
            pool.core().publish(new PoolEvent.TaskFailed(System.currentTimeMillis(), firstIndex + i, block.line(i),
                    block.input(i), 0, block.problem(i).orElseThrow(), -1, 0, 0, false, "", FailureCause.INVALID_LINE));
            finishOne(false);
        }
        for (int i : alreadyThere) {
            String input = block.input(i);
            pool.core().publish(new PoolEvent.TaskSucceeded(System.currentTimeMillis(), firstIndex + i, block.line(i),
                    input, 0, noClobber.fileName(input), 0, "", WorkerId.LOCAL, true));
            finishOne(true);
        }
        if (runnableCount == 0) {
            return;
        }
        int size = chunkSize > 0 ? chunkSize : defaultChunkSize(kind, runnableCount, pool.size());
        ListTasks tasks = new ListTasks(block, firstIndex, runnable, runnableCount);
        try {
            pool.core().submit(new Submission(function, tasks, kind.equals("download") ? forgettingCutBodies(tasks)
                    : sink, size));
        } catch (IllegalStateException notRunning) {
            // The pool halted before these tasks came (its workers cannot start, Ctrl-C came, the output closed):
            // each task still gets its outcome and the run its end, which readers of the events count on.
            String reason = pool.core().notRunReason();
            for (int p = 0; p < runnableCount; p++) {
                int i = runnable[p];
                pool.core().publish(new PoolEvent.TaskFailed(System.currentTimeMillis(), firstIndex + i,
                        block.line(i), block.input(i), 0, reason, -1, 0, 0, false, "", FailureCause.NOT_RUN));
            }
            finishSome(0, runnableCount);
        }
    }

    /**
     * A download that finally failed leaves nothing behind: the part kept to resume it goes too. One that the run
     * stopped before it could end (a halt, a second Ctrl-C) keeps its part, for {@code --continue}.
     */
    private Submission.ResultSink forgettingCutBodies(ListTasks tasks) {
        return new Submission.ResultSink() {
            @Override
            public void succeeded(int position, Object result) {
                sink.succeeded(position, result);
            }

            @Override
            public void succeeded(int firstPosition, ResultColumn results, int from, int count) {
                sink.succeeded(firstPosition, results, from, count);
            }

            @Override
            public void failed(int position, Submission.FailedTask failure) {
                if (failure.cause() != FailureCause.NOT_RUN && failure.cause() != FailureCause.HALTED_WHILE_RUNNING) {
                    ResumableParts.remove(outputDir, String.valueOf(tasks.input(position)));
                }
                sink.failed(position, failure);
            }
        };
    }

    private void endOfList() {
        synchronized (this) {
            listEnded = true;
        }
        maybeFinish();
    }

    /** The runnable tasks of a list, by position among them; events carry their index in the whole list. */
    private record ListTasks(TaskList list, int firstIndex, int[] listIndices, int size)
            implements Submission.TaskSource {
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
            return firstIndex + listIndices[position];
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
            // The feeder may be waiting for room in the window.
            notifyAll();
        }
        maybeFinish();
    }

    private void maybeFinish() {
        RunSummary summary;
        synchronized (this) {
            if (!listEnded || outstanding > 0 || finished.isDone()) {
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

    /**
     * The outcomes so far, as a summary would count them: tasks read, succeeded, finally failed and skipped until
     * now. Its events may still be on their way to listeners.
     */
    public synchronized RunSummary progress() {
        return new RunSummary(total, succeeded, failed, skipped, (System.nanoTime() - startNanos) / 1_000_000L);
    }

    /** Tasks read from the list so far; the list's length once {@link #listRead()}. */
    public synchronized int tasksKnown() {
        return total;
    }

    /** Whether the whole list has been read (or reading it stopped: the pool was terminated, or it failed). */
    public synchronized boolean listRead() {
        return listEnded;
    }

    /** Why reading a streamed list stopped before its end, if it did: the run then ends after what was read. */
    public Optional<IOException> readError() {
        return Optional.ofNullable(readError);
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
