package io.garrison.engine;

import java.util.Iterator;

/**
 * Reads the source of an {@code imap} on a thread of its own, a block at a time as the workers and the caller
 * make room ({@link StreamedResults}), and hands each block to the pool as a submission of its own, as the
 * command line does with a task list it streams ({@link TaskRun#stream}). Python's {@code imap} reads its
 * iterable on the pool's task thread likewise, though without a bound.
 *
 * <p>What the source's iterator throws ends the reading and is raised by the results at its position. The
 * source is let go ({@code whenDone}: a stream is closed) once it is read to its end, or once the pool halts or
 * is terminated and takes no more of it.
 */
final class InputFeeder {

    /** The fewest inputs of a full block: enough that the workers of a pool of tiny tasks never wait for a read. */
    static final int MIN_BLOCK = 8192;
    /** The most inputs read at a time, whatever the chunk size and the number of workers. */
    static final int MAX_BLOCK = 1 << 17;
    /**
     * A block read faster than this is followed by one twice as large (up to a full block); a slower one by a
     * block of one chunk. A fast source (a range, a file's lines) is then read in full blocks, while each input
     * of a slow one (a socket, a sensor) goes to a worker soon after it is read, instead of waiting for a block
     * to fill.
     */
    private static final long QUICK_READ_NANOS = 1_000_000L;

    private final PoolCore core;
    private final FunctionRef function;
    private final Iterator<?> source;
    private final Runnable whenDone;
    private final int chunkSize;
    private final StreamedResults results;
    /** Whether the source may have more: it has not said otherwise, nor thrown. */
    private boolean sourceLeft = true;
    private Throwable sourceError;

    private InputFeeder(PoolCore core, FunctionRef function, Iterator<?> source, Runnable whenDone, int chunkSize,
                        StreamedResults results) {
        this.core = core;
        this.function = function;
        this.source = source;
        this.whenDone = whenDone;
        this.chunkSize = chunkSize;
        this.results = results;
    }

    /**
     * Starts reading {@code source} into the pool.
     *
     * @return the results, in input order or in the order tasks finish
     * @throws IllegalStateException    unless the pool is running
     * @throws IllegalArgumentException for a chunk size below 1
     */
    static <R> Iterator<R> start(PoolCore core, FunctionRef function, Iterator<?> source, Runnable whenDone,
                                 int chunkSize, boolean inCompletionOrder) {
        StreamedResults results = new StreamedResults(inCompletionOrder, core::notRunReason);
        try {
            if (chunkSize < 1) {
                throw new IllegalArgumentException("chunk size must be at least 1");
            }
            core.openFeed(results);
        } catch (IllegalArgumentException | IllegalStateException refused) {
            // A source refused is let go as one read to its end is.
            whenDone.run();
            throw refused;
        }
        InputFeeder feeder = new InputFeeder(core, function, source, whenDone, chunkSize, results);
        Thread reader = new Thread(feeder::feed, "garrison-imap-inputs");
        reader.setDaemon(true);
        reader.start();
        return results.iterator();
    }

    /** The inputs of a full block: two chunks for every worker, within {@link #MIN_BLOCK} and {@link #MAX_BLOCK}. */
    static int fullBlock(int chunkSize, int workers) {
        return (int) Math.min(MAX_BLOCK, Math.max(MIN_BLOCK, 2L * chunkSize * workers));
    }

    private void feed() {
        try {
            int firstIndex = 0;
            int block = Math.min(chunkSize, MAX_BLOCK);
            while (sourceLeft && results.awaitRoom(block, 2 * fullBlock(chunkSize, core.size()))) {
                Object[] inputs = new Object[Math.min(block, Integer.MAX_VALUE - firstIndex)];
                long start = System.nanoTime();
                int count = read(inputs);
                boolean quick = System.nanoTime() - start < QUICK_READ_NANOS;
                if (count > 0) {
                    Submission tasks = new Submission(function, Submission.TaskSource.block(inputs, count, firstIndex),
                            sinkFrom(firstIndex), chunkSize);
                    if (!results.expect(count) || !core.submitFed(results, tasks)) {
                        return;
                    }
                    firstIndex += count;
                }
                block = quick ? Math.min(2 * block, fullBlock(chunkSize, core.size())) : Math.min(chunkSize, MAX_BLOCK);
            }
        } catch (InterruptedException | RuntimeException | Error e) {
            // Nothing should stop the reading but the source and the pool; whatever does is the results' last word.
            sourceError = e;
        } finally {
            results.sourceEnded(sourceError);
            core.closeFeed(results);
            letGo();
        }
    }

    /** Closes what the source needs closed; the results are complete, so a failure to close is only logged. */
    private void letGo() {
        try {
            whenDone.run();
        } catch (RuntimeException e) {
            System.getLogger(InputFeeder.class.getName()).log(System.Logger.Level.WARNING,
                    "closing an imap's source failed", e);
        }
    }

    /**
     * Fills {@code inputs} from the source as far as it goes, without asking it for more once they are full: a
     * slow source's next input must not hold back the ones read. @return how many it read
     */
    private int read(Object[] inputs) {
        int count = 0;
        try {
            while (count < inputs.length && (sourceLeft = source.hasNext())) {
                inputs[count++] = source.next();
            }
            if (inputs.length == 0 && (sourceLeft = source.hasNext())) {
                throw new IllegalStateException("an imap takes at most " + Integer.MAX_VALUE + " inputs");
            }
        } catch (Throwable thrown) {
            sourceError = thrown;
            sourceLeft = false;
        }
        return count;
    }

    /** Outcomes of the block whose first input is input {@code firstIndex} of the source. */
    private Submission.ResultSink sinkFrom(int firstIndex) {
        return new Submission.ResultSink() {
            @Override
            public void succeeded(int position, Object result) {
                results.succeeded(firstIndex + position, result);
            }

            @Override
            public void succeeded(int firstPosition, ResultColumn values, int from, int count) {
                results.succeeded(firstIndex + firstPosition, values, from, count);
            }

            @Override
            public void failed(int position, Submission.FailedTask failure) {
                results.failed(firstIndex + position, failure);
            }
        };
    }
}
