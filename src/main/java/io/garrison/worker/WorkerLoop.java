package io.garrison.worker;

import io.garrison.engine.TaskFunction;
import io.garrison.protocol.FrameOutput;
import io.garrison.protocol.MessageType;
import io.garrison.protocol.SafeText;
import io.garrison.protocol.WireException;
import io.garrison.protocol.WireValues;
import io.garrison.task.OwnPid;
import io.garrison.task.TaskContext;
import io.garrison.task.TaskFailure;
import io.garrison.task.TaskKind;
import io.garrison.task.TaskKinds;
import io.garrison.task.TaskOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;

/**
 * Runs tasks one at a time, in the order the parent sent them, and reports one outcome per task.
 *
 * <p>Consecutive quiet successes are reported as one batch, and the pipe is written when the inbox runs
 * dry or 2 ms after the last write: a million tiny tasks then cost a few hundred writes, while the result
 * of a slow task still leaves the moment it is known.
 */
final class WorkerLoop {

    private static final long FLUSH_AFTER_NANOS = 2_000_000L;
    private static final long PROGRESS_EVERY_NANOS = 100_000_000L;
    private static final int BATCH_LIMIT = 8192;

    private final OutputStream pipe;
    private final FrameOutput out = new FrameOutput(1 << 16);
    private final TaskOutputCapture capture;
    private final BlockingQueue<Object> inbox;
    private final Map<Integer, Callable> functions = new HashMap<>();
    private final Context context = new Context();
    private long lastFlush = System.nanoTime();

    /** Successes not yet written: ids batchFirst .. batchFirst + batchCount - 1, values in batchValues. */
    private final FrameOutput batchValues = new FrameOutput(1 << 16);
    private int batchFirst;
    private int batchCount;
    private long batchRunNanos;

    /** A defined function; one whose definition failed throws that reason for every task. */
    private interface Callable {
        Object call(Object input, TaskContext context) throws Exception;
    }

    WorkerLoop(OutputStream pipe, TaskOutputCapture capture, BlockingQueue<Object> inbox) {
        this.pipe = pipe;
        this.capture = capture;
        this.inbox = inbox;
    }

    void run() throws IOException, InterruptedException {
        String marker = System.getProperty(MessageType.MARKER_PROPERTY, "");
        for (int i = 0; i < marker.length(); i++) {
            out.writeByte(marker.charAt(i));
        }
        out.writeByte(MessageType.HELLO);
        out.writeLong(OwnPid.get());
        flush();
        while (true) {
            Object message = inbox.poll();
            if (message == null) {
                flush();
                message = inbox.take();
            }
            if (message instanceof InboundMessages.Define define) {
                functions.put(define.functionId(), build(define));
            } else if (message instanceof InboundMessages.Run run) {
                runAll(run);
            }
        }
    }

    private void runAll(InboundMessages.Run run) throws IOException {
        Callable function = functions.get(run.functionId());
        // One clock read per task: a task starts when the one before it ended.
        long start = System.nanoTime();
        for (int i = 0; i < run.inputs().length; i++) {
            long end = runOne(function, run.firstTaskId() + i, run.taskNumbers()[i], run.slotNumber(), run.inputs()[i],
                    start);
            if (batchCount >= BATCH_LIMIT || end - lastFlush > FLUSH_AFTER_NANOS) {
                flush();
            }
            start = end;
        }
    }

    /** Runs a task and reports it; returns the clock when it ended. */
    private long runOne(Callable function, int taskId, int taskNumber, int slotNumber, Object input, long start)
            throws IOException {
        context.begin(taskId, taskNumber, slotNumber, start);
        capture.begin();
        Object result = null;
        Throwable failure = null;
        try {
            if (function == null) {
                throw new TaskFailure("the worker was sent no function for this task");
            }
            if (input instanceof WireValues.Unsendable unsendable) {
                throw new TaskFailure(unsendable.reason());
            }
            result = function.call(input, context);
        } catch (Throwable t) {
            failure = t;
        }
        long end = System.nanoTime();
        long runNanos = end - start;
        String output = capture.end();
        if (failure == null) {
            try {
                succeeded(taskId, runNanos, result, output);
                return end;
            } catch (IOException | RuntimeException | StackOverflowError | LinkageError unsendable) {
                // A writeObject of the result's own that throws, or a structure too deep to serialize: the task
                // fails, the worker lives on.
                failure = unsendable;
            }
        }
        failed(taskId, runNanos, failure, output);
        return end;
    }

    private void succeeded(int taskId, long runNanos, Object result, String output) throws IOException {
        if (output.isEmpty()) {
            if (batchCount > 0 && batchFirst + batchCount != taskId) {
                writeBatch();
            }
            // Serialization happens before the first byte is written, so a value that cannot be sent
            // leaves the batch as it was and the task is reported as failed instead.
            batchValues.writeValue(result);
            if (batchCount == 0) {
                batchFirst = taskId;
            }
            batchCount++;
            batchRunNanos += runNanos;
            return;
        }
        FrameOutput value = new FrameOutput(32);
        value.writeValue(result);
        writeBatch();
        out.writeByte(MessageType.SUCCEEDED);
        out.writeInt(taskId);
        out.writeLong(runNanos);
        out.writeInt(0);
        out.append(value);
        out.writeString(output);
    }

    private void failed(int taskId, long runNanos, Throwable failure, String output) {
        // Made whole before the message starts: none of the exception's own code runs while it is written.
        WireException thrown = WireException.of(failure);
        String reason;
        int exitValue = 1;
        TaskFailure.Retry retry = TaskFailure.Retry.AS_POOL_DECIDES;
        long retryAfterMs = 0;
        if (failure instanceof TaskFailure expected) {
            reason = SafeText.of(expected.getMessage());
            exitValue = expected.exitValue();
            retry = expected.retry();
            retryAfterMs = expected.retryAfterMs();
        } else {
            reason = SafeText.of(failure);
            output = output + stackTraceOf(failure, reason, thrown);
        }
        writeBatch();
        out.writeByte(MessageType.FAILED);
        out.writeInt(taskId);
        out.writeLong(runNanos);
        out.writeInt(exitValue);
        out.writeString(reason);
        out.writeString(output);
        out.writeByte((byte) retry.ordinal());
        out.writeLong(retryAfterMs);
        thrown.writeTo(out);
    }

    /**
     * The trace {@code printStackTrace} prints, or, when the exception's own methods break it, the trace of its
     * frames under {@code description}: the task fails with what can be said, and its worker lives on.
     */
    private static String stackTraceOf(Throwable failure, String description, WireException thrown) {
        StringWriter trace = new StringWriter();
        try {
            failure.printStackTrace(new PrintWriter(trace));
            return trace.toString();
        } catch (Throwable broken) {
            StringBuilder frames = new StringBuilder(description).append(System.lineSeparator());
            for (StackTraceElement frame : thrown.frames()) {
                frames.append("\tat ").append(frame).append(System.lineSeparator());
            }
            return frames.toString();
        }
    }

    private void writeBatch() {
        if (batchCount == 0) {
            return;
        }
        out.writeByte(MessageType.SUCCEEDED_BATCH);
        out.writeInt(batchFirst);
        out.writeInt(batchCount);
        out.writeLong(batchRunNanos);
        out.append(batchValues);
        batchValues.reset();
        batchCount = 0;
        batchRunNanos = 0;
    }

    private void flush() throws IOException {
        writeBatch();
        // A worker on its way out keeps the deaths of its tasks' programs to itself (WorkerMain.haltWithDescendants).
        if (out.size() > 0 && !WorkerMain.isLeaving()) {
            synchronized (pipe) {
                out.writeTo(pipe);
            }
            out.reset();
        }
        lastFlush = System.nanoTime();
    }

    /**
     * Takes a task that was sent ahead out of the inbox, if this loop has not taken it yet, and tells the
     * parent so. Called by the stdin reader; the pipe's lock keeps its message whole between the loop's.
     */
    /** Answers the parent's {@code STATS_ASK} with what this process knows of itself. Reader thread. */
    void reportStats(int request) throws IOException {
        FrameOutput stats = new FrameOutput(256);
        stats.writeByte(MessageType.STATS);
        stats.writeInt(request);
        OwnStats.writeTo(stats);
        synchronized (pipe) {
            stats.writeTo(pipe);
        }
    }

    void giveBack(int taskId) throws IOException {
        for (Object message : inbox) {
            if (message instanceof InboundMessages.Run run && run.firstTaskId() == taskId && run.inputs().length == 1) {
                if (inbox.remove(run)) {
                    FrameOutput recalled = new FrameOutput(8);
                    recalled.writeByte(MessageType.RECALLED);
                    recalled.writeInt(taskId);
                    synchronized (pipe) {
                        recalled.writeTo(pipe);
                    }
                }
                return;
            }
        }
    }

    private static Callable build(InboundMessages.Define define) {
        if (define.kind() != null) {
            TaskKind kind;
            try {
                kind = TaskKinds.require(define.kind());
            } catch (IllegalArgumentException e) {
                return (input, context) -> {
                    throw new TaskFailure(e.getMessage());
                };
            }
            TaskOptions options = new TaskOptions(define.options());
            // Anonymous classes rather than lambdas on the worker's start-up path (see WorkerMain).
            return new Callable() {
                @Override
                public Object call(Object input, TaskContext context) throws Exception {
                    return kind.execute(String.valueOf(input), context.withOptions(options));
                }
            };
        }
        try {
            @SuppressWarnings("unchecked")
            TaskFunction<Object, Object> function = (TaskFunction<Object, Object>) (define.lambda() != null
                    ? define.lambda().revive(WorkerLoop.class.getClassLoader())
                    : WireValues.deserialize(define.serialized()));
            return new Callable() {
                @Override
                public Object call(Object input, TaskContext context) throws Exception {
                    return function.apply(input);
                }
            };
        } catch (IOException | ClassCastException e) {
            String reason = "the function could not be loaded in the worker: " + e.getMessage();
            return (input, context) -> {
                throw new TaskFailure(reason);
            };
        }
    }

    /**
     * The context of the running task, reused from task to task; progress goes out at most every 100 ms, the
     * first time 100 ms into the task.
     */
    private final class Context implements TaskContext {
        private int taskId;
        private int taskNumber;
        private int slotNumber;
        private TaskOptions options = TaskOptions.none();
        private long lastProgress;

        void begin(int id, int number, int slot, long startNanos) {
            taskId = id;
            taskNumber = number;
            slotNumber = slot;
            // The first report only once the task has run a while: a task that ends sooner says nothing
            // that its result does not, and would cost the parent a wake-up per task.
            lastProgress = startNanos;
        }

        @Override
        public int taskNumber() {
            return taskNumber;
        }

        @Override
        public int slotNumber() {
            return slotNumber;
        }

        @Override
        public TaskOptions options() {
            return options;
        }

        @Override
        public TaskContext withOptions(TaskOptions taskOptions) {
            this.options = taskOptions;
            return this;
        }

        @Override
        public void progress(long done, long total) {
            long now = System.nanoTime();
            if (now - lastProgress < PROGRESS_EVERY_NANOS) {
                return;
            }
            lastProgress = now;
            send(done, total);
        }

        @Override
        public void progressDone(long done, long total) {
            lastProgress = System.nanoTime();
            send(done, total);
        }

        private void send(long done, long total) {
            try {
                // Earlier results go first: the parent takes progress to be about its oldest open task.
                writeBatch();
                out.writeByte(MessageType.PROGRESS);
                out.writeInt(taskId);
                out.writeLong(done);
                out.writeLong(total);
                flush();
            } catch (IOException e) {
                // The parent is gone; the stdin reader halts this process.
            }
        }

        @Override
        public void output(byte[] bytes, int offset, int length) {
            capture.write(bytes, offset, length);
        }
    }
}
