package io.garrison.engine;

import io.garrison.protocol.FrameInput;
import io.garrison.protocol.FrameOutput;
import io.garrison.protocol.MessageType;
import io.garrison.protocol.WireException;
import io.garrison.protocol.WireValues;
import io.garrison.task.TaskFailure;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The pipes to one worker process and the three small threads that serve them: one reads its stdout (the
 * protocol's frames), one drains its stderr into a bounded tail, one writes its stdin so that a stuck pipe never
 * blocks the pool. It holds no pool state: what it reads goes to its {@link Listener}.
 *
 * <p>Threading: {@link #send}, {@link #recall}, {@link #ping} and {@link #closeStdin} are any-thread and never
 * block; the listener is called on the reader thread (and, for {@link Listener#cannotSend}, on the writer
 * thread).
 */
final class WorkerChannel implements WorkerSlot.Outbox {

    /** What a worker's channel reports. */
    interface Listener {
        void hello(long pid);

        void progress(int taskId, long done, long total);

        void succeeded(int taskId, long runNanos, Object value, String output);

        /**
         * {@code count} consecutive tasks from {@code firstTaskId} succeeded with these values and no output.
         *
         * @return whether {@code values} is still referenced (by events not yet delivered); if not, the reader
         *         reuses it for its next batch
         */
        boolean succeededBatch(int firstTaskId, long totalRunNanos, ResultColumn values, int count);

        /**
         * @param cause   {@link FailureCause#TASK_ERROR}, or {@link FailureCause#UNSENDABLE} for a result this side
         *                cannot read
         * @param trouble non-null when the task's host is in passing trouble: pause it, then retry
         * @param thrown  what the task threw; null when the failure is not an exception of the task's
         */
        void failed(int taskId, long runNanos, int exitValue, String error, String output, FailureCause cause,
                    HostTrouble trouble, WireException thrown);

        /** The worker gave back a task sent ahead, unstarted. */
        void recalled(int taskId);

        /** The writer could not encode a message; the stream is unusable and the worker must go. Writer thread. */
        void cannotSend(Throwable encoderFailed);

        /** The worker sent garbage or answered out of order; it has been killed. */
        void brokeProtocol(Throwable why);

        /** Last of all: the worker is gone. */
        void exited(int exitCode);
    }

    private static final Object CLOSE_STDIN = new Object();
    private static final int STDERR_TAIL = 4096;
    private static final int LARGEST_KEPT_BUFFER = 1 << 20;
    /** Workers send at most 8192 results a batch; anything far larger is a corrupt frame, not a batch. */
    private static final int MAX_BATCH = 1 << 16;

    private final WorkerProcessTree tree;
    private final Process process;
    /** Frames (byte arrays) and {@link RunMessage}s for the writer thread, in order. */
    private final BlockingQueue<Object> outbox = new LinkedBlockingQueue<>();
    /** Accessed only under this channel's monitor. */
    private final StringBuilder stderrTail = new StringBuilder();
    private Thread stderrDrainer;
    /** Whether the worker said hello. Reader thread only. */
    private boolean answered;
    /**
     * The last batch's column, when nobody kept it: read again into, so that a million squares leave the parent one
     * int array of results, not two, and its collector runs less often. Reader thread only.
     */
    private ResultColumn spareColumn;
    private final AtomicInteger statsRequests = new AtomicInteger();
    private final Map<Integer, StatsAsked> statsAsked = new ConcurrentHashMap<>();
    /** Set by the reader thread once the worker's output has ended: no answer can come any more. */
    private volatile boolean exited;

    WorkerChannel(WorkerProcessTree tree) {
        this.tree = tree;
        this.process = tree.process();
    }

    /** Starts the I/O threads; {@code listener} hears every message and, last, the exit. */
    void start(Listener listener) {
        long pid = process.pid();
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
                readStdout(listener);
            }
        }).start();
        daemon(new Thread("garrison-worker-" + pid + "-in") {
            @Override
            public void run() {
                writeStdin(listener);
            }
        }).start();
    }

    @Override
    public void send(RunMessage run) {
        outbox.add(run);
    }

    @Override
    public void recall(int taskId) {
        FrameOutput frame = new FrameOutput(8);
        frame.writeByte(MessageType.RECALL);
        frame.writeInt(taskId);
        outbox.add(frame);
    }

    /** A sign of life for a worker that leaves when it hears nothing for a while; see {@link RemoteHeartbeat}. */
    void ping() {
        FrameOutput frame = new FrameOutput(1);
        frame.writeByte(MessageType.PING);
        outbox.add(frame);
    }

    /**
     * Asks the worker how its process is doing; the answer comes on the reader thread, even while the worker
     * runs a task. The future fails when the worker leaves first.
     */
    CompletableFuture<WorkerStats> askStats(WorkerId id) {
        int request = statsRequests.incrementAndGet();
        CompletableFuture<WorkerStats> answer = new CompletableFuture<>();
        statsAsked.put(request, new StatsAsked(id, answer));
        // A caller that stops waiting (a timeout) leaves no entry behind for an answer that never comes.
        answer.whenComplete((stats, failure) -> statsAsked.remove(request));
        FrameOutput frame = new FrameOutput(8);
        frame.writeByte(MessageType.STATS_ASK);
        frame.writeInt(request);
        outbox.add(frame);
        if (exited) {
            failStatsAsked();
        }
        return answer;
    }

    private record StatsAsked(WorkerId id, CompletableFuture<WorkerStats> answer) {
    }

    private void readStats(FrameInput in) throws IOException {
        int request = in.readInt();
        long uptimeMs = in.readLong();
        long cpuMs = in.readLong();
        long residentKb = in.readLong();
        String command = in.readString();
        StatsAsked asked = statsAsked.remove(request);
        if (asked != null) {
            asked.answer().complete(new WorkerStats(asked.id(),
                    uptimeMs < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(uptimeMs)),
                    cpuMs < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(cpuMs)),
                    residentKb < 0 ? Optional.empty() : Optional.of(residentKb),
                    command.isEmpty() ? Optional.empty() : Optional.of(command)));
        }
    }

    private void failStatsAsked() {
        for (Integer request : List.copyOf(statsAsked.keySet())) {
            StatsAsked asked = statsAsked.remove(request);
            if (asked != null) {
                asked.answer().completeExceptionally(new IllegalStateException("the worker has left"));
            }
        }
    }

    /** Asks the worker to leave: it exits when it reads end-of-file. */
    void closeStdin() {
        outbox.add(CLOSE_STDIN);
    }

    synchronized String stderrTail() {
        return stderrTail.toString().strip();
    }

    private void writeStdin(Listener listener) {
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
            // Closing stdin now would look like a clean goodbye in the middle of a message; the worker is killed
            // with the real reason instead, so its tasks are retried or failed saying so.
            listener.cannotSend(encoderFailed);
        }
    }

    private void readStdout(Listener listener) {
        FrameInput in = new FrameInput(process.getInputStream(), 1 << 16);
        try {
            String before = in.skipPast(WorkerLauncher.MARKER.getBytes(StandardCharsets.US_ASCII));
            if (!before.isEmpty()) {
                appendStderr(before);
            }
            while (true) {
                byte type = in.readByte();
                switch (type) {
                    case MessageType.HELLO -> {
                        answered = true;
                        listener.hello(in.readLong());
                    }
                    case MessageType.PROGRESS -> listener.progress(in.readInt(), in.readLong(), in.readLong());
                    case MessageType.SUCCEEDED_BATCH -> readBatch(in, listener);
                    case MessageType.RECALLED -> listener.recalled(in.readInt());
                    case MessageType.STATS -> readStats(in);
                    case MessageType.SUCCEEDED -> {
                        int taskId = in.readInt();
                        long runNanos = in.readLong();
                        in.readInt();
                        Object value = readResult(in);
                        String output = in.readString();
                        if (value instanceof UnreadableResult unreadable) {
                            listener.failed(taskId, runNanos, 1, unreadable.reason, output, FailureCause.UNSENDABLE,
                                    null, null);
                        } else {
                            listener.succeeded(taskId, runNanos, value, output);
                        }
                    }
                    case MessageType.FAILED -> {
                        int taskId = in.readInt();
                        long runNanos = in.readLong();
                        int exitValue = in.readInt();
                        String error = in.readString();
                        String output = in.readString();
                        TaskFailure.Retry retry = TaskFailure.Retry.values()[in.readByte()];
                        long retryAfterMs = in.readLong();
                        WireException thrown = WireException.readFrom(in);
                        listener.failed(taskId, runNanos, exitValue, error, output,
                                retry == TaskFailure.Retry.NEVER ? FailureCause.PERMANENT_ERROR : FailureCause.TASK_ERROR,
                                retry == TaskFailure.Retry.LATER || retry == TaskFailure.Retry.SLOWER
                                        ? new HostTrouble(retryAfterMs, retry == TaskFailure.Retry.SLOWER) : null,
                                thrown);
                    }
                    default -> throw new IOException("unknown message type " + type + " from worker " + process.pid());
                }
            }
        } catch (Throwable endOrGarbage) {
            // Garbage on the pipe, an answer out of order, or no memory for a huge result: this worker cannot
            // be trusted any more. Whatever happened, the pool must hear that it is gone.
            if (!(endOrGarbage instanceof EOFException)) {
                boolean wasAlive = tree.isAlive();
                tree.kill();
                if (wasAlive) {
                    listener.brokeProtocol(endOrGarbage);
                }
            }
        } finally {
            // The writer thread would otherwise wait forever for frames to a dead process.
            outbox.add(CLOSE_STDIN);
            exited = true;
            failStatsAsked();
            int exitCode = tree.reap();
            try {
                awaitStderrOfAWorkerThatNeverStarted();
            } finally {
                // Whatever happened above, the pool must hear of the exit: its join waits for every worker.
                listener.exited(exitCode);
            }
        }
    }

    private void readBatch(FrameInput in, Listener listener) throws IOException {
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
                boolean kept = listener.succeededBatch(firstTaskId + done, runNanos * readable / count, values, readable);
                spareColumn = kept ? null : values.reusable();
            }
            done += readable;
            if (unreadable != null) {
                listener.failed(firstTaskId + done, runNanos / count, 1, unreadable.reason, "", FailureCause.UNSENDABLE,
                        null, null);
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

    /**
     * A worker that dies before its hello is explained only by its stderr (a bad JVM option, a missing class),
     * and the drainer may not have read the last of it yet. Bounded: a child it left behind can hold the pipe.
     */
    private void awaitStderrOfAWorkerThatNeverStarted() {
        if (answered) {
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
}
