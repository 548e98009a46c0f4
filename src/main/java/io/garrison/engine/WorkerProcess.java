package io.garrison.engine;

import io.garrison.protocol.FrameInput;
import io.garrison.protocol.FrameOutput;
import io.garrison.protocol.MessageType;
import io.garrison.protocol.WireValues;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The parent's handle on one worker process: its pipes, the tasks it holds, and three small threads (one
 * reads its stdout, one drains its stderr, one writes its stdin so that a stuck pipe never blocks the pool).
 * Fields other than the final ones are guarded by the pool's lock.
 */
final class WorkerProcess {

    private static final Object CLOSE_STDIN = new Object();
    private static final int STDERR_TAIL = 4096;
    private static final int LARGEST_KEPT_BUFFER = 1 << 20;
    /** Workers send at most 8192 results a batch; anything far larger is a corrupt frame, not a batch. */
    private static final int MAX_BATCH = 1 << 16;
    /**
     * The last batch's column, when nobody kept it: read again into, so that a million squares leave the parent one
     * int array of results, not two, and its collector runs less often. Reader thread only.
     */
    private ResultColumn spareColumn;

    final Process process;
    final long spawnNanos = System.nanoTime();
    /** Frames (byte arrays) and {@link RunMessage}s for the writer thread, in order. */
    private final BlockingQueue<Object> outbox = new LinkedBlockingQueue<>();
    private final StringBuilder stderrTail = new StringBuilder();
    private Thread stderrDrainer;

    /** Tasks sent and not yet answered, a slice per message, in the order the worker runs them. */
    final ArrayDeque<Slice> inFlight = new ArrayDeque<>();
    /** How many tasks {@link #inFlight} holds. */
    int inFlightCount;
    /** Whether the oldest open task has been counted as begun (its attempt, its event). */
    boolean headStarted;
    /** The id of a task sent ahead that the pool asked back and has not heard about yet; -1 when none. */
    int recallingTaskId = -1;
    final Set<Integer> definedFunctions = new HashSet<>();
    long pid;
    boolean ready;
    boolean retiring;
    boolean stdinClosed;
    boolean exited;
    long stdinClosedNanos;
    long currentStartNanos;
    int tasksAssigned;
    int tasksDone;
    /** What the worker had started when it was asked to stop, so that none of it outlives a grace period. */
    private volatile java.util.List<ProcessHandle> stopping = java.util.List.of();
    /** Set when the pool killed this worker on purpose, with the reason its running task fails with. */
    volatile String killedBecause;

    WorkerProcess(Process process) {
        this.process = process;
        this.pid = process.pid();
    }

    /** Starts the I/O threads; {@code handler} hears every message and, last, the exit. */
    void startThreads(MessageHandler handler) {
        // Anonymous classes, not lambdas: each new lambda shape costs a cold JVM a class spin per pool start.
        // The drainer first: the reader waits for it when a worker dies before its hello.
        stderrDrainer = daemon(new Thread("garrison-worker-" + pid + "-err") {
            @Override
            public void run() {
                drainStderr();
            }
        });
        stderrDrainer.start();
        daemon(new Thread("garrison-worker-" + pid + "-out") {
            @Override
            public void run() {
                readStdout(handler);
            }
        }).start();
        daemon(new Thread("garrison-worker-" + pid + "-in") {
            @Override
            public void run() {
                writeStdin();
            }
        }).start();
    }

    void send(RunMessage run) {
        outbox.add(run);
    }

    /** Asks for a task sent ahead back; the worker answers only if it had not started it. */
    void recall(int taskId) {
        recallingTaskId = taskId;
        FrameOutput frame = new FrameOutput(8);
        frame.writeByte(MessageType.RECALL);
        frame.writeInt(taskId);
        outbox.add(frame);
    }

    /** Asks the worker to leave: it exits when it reads end-of-file. */
    void closeStdin() {
        if (!stdinClosed) {
            stdinClosed = true;
            stdinClosedNanos = System.nanoTime();
            outbox.add(CLOSE_STDIN);
        }
    }

    /** Asks the worker and everything it started to stop (SIGTERM); {@link #killTree()} follows if they do not. */
    void askTreeToStop() {
        // Remembered now: once the worker is gone its children belong to init and are no longer its descendants.
        stopping = process.descendants().toList();
        stopping.forEach(ProcessHandle::destroy);
        process.destroy();
    }

    /** Kills the worker and everything it started (a curl, a shell); descendants first, while still known. */
    void killTree() {
        stopping.forEach(ProcessHandle::destroyForcibly);
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    synchronized String stderrTail() {
        return stderrTail.toString().strip();
    }

    private void writeStdin() {
        FrameOutput buffer = new FrameOutput(1 << 16);
        try (OutputStream stdin = process.getOutputStream()) {
            while (true) {
                Object message = outbox.take();
                if (message == CLOSE_STDIN) {
                    return;
                }
                if (message instanceof FrameOutput frame) {
                    frame.writeTo(stdin);
                } else {
                    ((RunMessage) message).writeTo(buffer, stdin);
                }
                if (buffer.capacity() > LARGEST_KEPT_BUFFER) {
                    // One huge input should not pin its size for the worker's whole life.
                    buffer = new FrameOutput(1 << 16);
                }
                if (outbox.isEmpty()) {
                    stdin.flush();
                }
            }
        } catch (IOException | InterruptedException workerGone) {
            // The reader thread sees the exit and tells the pool.
        } catch (Throwable encoderFailed) {
            // Closing stdin now would look like a clean goodbye in the middle of a message; kill the worker with
            // the real reason instead, so its tasks are retried or failed saying so.
            killedBecause = "the pool could not send tasks to its worker: " + encoderFailed;
            killTree();
        }
    }

    private void readStdout(MessageHandler handler) {
        FrameInput in = new FrameInput(process.getInputStream(), 1 << 16);
        try {
            String before = in.skipPast(WorkerLauncher.MARKER.getBytes(StandardCharsets.US_ASCII));
            if (!before.isEmpty()) {
                appendStderr(before);
            }
            while (true) {
                byte type = in.readByte();
                switch (type) {
                    case MessageType.HELLO -> handler.hello(this, in.readLong());
                    case MessageType.PROGRESS -> handler.progress(this, in.readInt(), in.readLong(), in.readLong());
                    case MessageType.SUCCEEDED_BATCH -> readBatch(in, handler);
                    case MessageType.RECALLED -> handler.recalled(this, in.readInt());
                    case MessageType.SUCCEEDED -> {
                        int taskId = in.readInt();
                        long runNanos = in.readLong();
                        in.readInt();
                        Object value = readResult(in);
                        String output = in.readString();
                        if (value instanceof UnreadableResult unreadable) {
                            handler.failed(this, taskId, runNanos, 1, unreadable.reason, output);
                        } else {
                            handler.succeeded(this, taskId, runNanos, value, output);
                        }
                    }
                    case MessageType.FAILED -> {
                        int taskId = in.readInt();
                        long runNanos = in.readLong();
                        int exitValue = in.readInt();
                        String error = in.readString();
                        handler.failed(this, taskId, runNanos, exitValue, error, in.readString());
                    }
                    default -> throw new IOException("unknown message type " + type + " from worker " + pid);
                }
            }
        } catch (Throwable endOrGarbage) {
            // Garbage on the pipe, an answer out of order, or no memory for a huge result: this worker cannot
            // be trusted any more. Whatever happened, the pool must hear that it is gone.
            if (!(endOrGarbage instanceof EOFException) && process.isAlive() && killedBecause == null) {
                System.err.println("garrison: worker " + pid + " broke the protocol: " + endOrGarbage);
            }
            if (!(endOrGarbage instanceof EOFException)) {
                killTree();
            }
        } finally {
            // The writer thread would otherwise wait forever for frames to a dead process.
            outbox.add(CLOSE_STDIN);
            int exitCode = awaitExitCode();
            try {
                awaitStderrOfAWorkerThatNeverStarted();
            } finally {
                // Whatever happened above, the pool must hear of the exit: its join waits for every worker.
                handler.exited(this, exitCode);
            }
        }
    }

    private void readBatch(FrameInput in, MessageHandler handler) throws IOException {
        int firstTaskId = in.readInt();
        int count = in.readInt();
        long runNanos = in.readLong();
        if (count <= 0 || count > MAX_BATCH) {
            throw new IOException("corrupt frame: a batch of " + count + " results");
        }
        int done = 0;
        while (done < count) {
            // An unreadable value fails its task alone: the readable ones around it still succeed.
            int readable = 0;
            ResultColumn values = columnFor(count - done);
            UnreadableResult unreadable = null;
            while (done + readable < count) {
                byte tag = in.readByte();
                if (tag == WireValues.INT) {
                    values.setInt(readable++, in.readInt());
                    continue;
                }
                Object value = readResult(in, tag);
                if (value instanceof UnreadableResult u) {
                    unreadable = u;
                    break;
                }
                values.set(readable++, value);
            }
            if (readable > 0) {
                boolean kept = handler.succeededBatch(this, firstTaskId + done, runNanos * readable / count, values,
                        readable);
                spareColumn = kept ? null : values.reusable();
            }
            done += readable;
            if (unreadable != null) {
                handler.failed(this, firstTaskId + done, runNanos / count, 1, unreadable.reason, "");
                done++;
            }
        }
    }

    private ResultColumn columnFor(int needed) {
        ResultColumn spare = spareColumn;
        spareColumn = null;
        return spare != null && spare.size() >= needed ? spare : new ResultColumn(needed);
    }

    /**
     * A result the parent cannot deserialize (its class is missing here) is that task's failure, not the
     * worker's: its bytes were read whole, so the stream stays aligned. Any other error means a corrupt stream.
     */
    private static Object readResult(FrameInput in) throws IOException {
        return readResult(in, in.readByte());
    }

    private static Object readResult(FrameInput in, byte tag) throws IOException {
        try {
            return in.readValue(tag);
        } catch (WireValues.UnreadableValueException e) {
            return new UnreadableResult("the result could not be read: " + e.getMessage());
        }
    }

    private record UnreadableResult(String reason) {
    }

    private int awaitExitCode() {
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                // Closed its stdout yet lives on: not a worker we can use.
                killTree();
                process.waitFor();
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            killTree();
            return -1;
        }
    }

    /**
     * A worker that dies before its hello is explained only by its stderr (a bad JVM option, a missing class),
     * and the drainer may not have read the last of it yet. Bounded: a child it left behind can hold the pipe.
     */
    private void awaitStderrOfAWorkerThatNeverStarted() {
        if (ready) {
            return;
        }
        try {
            stderrDrainer.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void drainStderr() {
        try (InputStream err = process.getErrorStream()) {
            byte[] buffer = new byte[4096];
            for (int n; (n = err.read(buffer)) >= 0; ) {
                appendStderr(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
        } catch (IOException ignored) {
            // the worker is gone
        }
    }

    private synchronized void appendStderr(String text) {
        stderrTail.append(text);
        if (stderrTail.length() > STDERR_TAIL) {
            stderrTail.delete(0, stderrTail.length() - STDERR_TAIL);
        }
    }

    private static Thread daemon(Thread thread) {
        thread.setDaemon(true);
        return thread;
    }

    /** What a worker's stdout reader reports to the pool. Called on the reader thread. */
    interface MessageHandler {
        void hello(WorkerProcess worker, long pid);

        void progress(WorkerProcess worker, int taskId, long done, long total);

        void succeeded(WorkerProcess worker, int taskId, long runNanos, Object value, String output);

        /**
         * {@code count} consecutive tasks from {@code firstTaskId} succeeded with these values and no output.
         *
         * @return whether {@code values} is still referenced (by events not yet delivered); if not, the reader
         *         reuses it for its next batch
         */
        boolean succeededBatch(WorkerProcess worker, int firstTaskId, long totalRunNanos, ResultColumn values,
                               int count);

        void failed(WorkerProcess worker, int taskId, long runNanos, int exitValue, String error, String output);

        /** The worker gave back a task sent ahead, unstarted. */
        void recalled(WorkerProcess worker, int taskId);

        void exited(WorkerProcess worker, int exitCode);
    }
}
