package io.garrison.worker;

import io.garrison.engine.TaskFunction;
import io.garrison.protocol.MessageType;
import io.garrison.protocol.WireValues;
import io.garrison.task.TaskContext;
import io.garrison.task.TaskFailure;
import io.garrison.task.TaskKind;
import io.garrison.task.TaskKinds;
import io.garrison.task.TaskOptions;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;

/**
 * Runs tasks one at a time, in the order the parent sent them, and writes one result per task.
 *
 * <p>Results are buffered and flushed when the inbox runs dry, or when 2 ms have passed since the last
 * flush: a million tiny tasks then cost a few thousand writes, while the result of a slow task still
 * leaves at once.
 */
final class WorkerLoop {

    private static final long FLUSH_AFTER_NANOS = 2_000_000L;
    private static final long PROGRESS_EVERY_NANOS = 100_000_000L;

    private final DataOutputStream out;
    private final TaskOutputCapture capture;
    private final BlockingQueue<Object> inbox;
    private final Map<Integer, Callable> functions = new HashMap<>();
    private long lastFlush = System.nanoTime();

    /** A defined function, or the reason it could not be built (every task using it then fails with it). */
    private interface Callable {
        Object call(Object input, TaskContext context) throws Exception;
    }

    WorkerLoop(DataOutputStream out, TaskOutputCapture capture, BlockingQueue<Object> inbox) {
        this.out = out;
        this.capture = capture;
        this.inbox = inbox;
    }

    void run() throws IOException, InterruptedException {
        out.writeByte(MessageType.HELLO);
        out.writeLong(ProcessHandle.current().pid());
        out.flush();
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
        for (int i = 0; i < run.taskIds().length; i++) {
            runOne(function, run.taskIds()[i], run.taskNumbers()[i], run.inputs()[i]);
            if (System.nanoTime() - lastFlush > FLUSH_AFTER_NANOS) {
                flush();
            }
        }
    }

    private void runOne(Callable function, int taskId, int taskNumber, Object input) throws IOException {
        Context context = new Context(taskId, taskNumber);
        capture.begin();
        long start = System.nanoTime();
        Object result = null;
        Throwable failure = null;
        try {
            if (function == null) {
                throw new TaskFailure("the worker was sent no function for this task");
            }
            result = function.call(input, context);
        } catch (Throwable t) {
            failure = t;
        }
        long runNanos = System.nanoTime() - start;
        String output = capture.end();
        if (failure == null) {
            try {
                writeSucceeded(taskId, runNanos, result, output);
                return;
            } catch (IOException unsendable) {
                failure = unsendable;
            }
        }
        writeFailed(taskId, runNanos, failure, output);
    }

    private void writeSucceeded(int taskId, long runNanos, Object result, String output) throws IOException {
        // Encode first so an unserializable result becomes a failure, not a half-written frame.
        java.io.ByteArrayOutputStream encoded = new java.io.ByteArrayOutputStream(32);
        WireValues.writeValue(new DataOutputStream(encoded), result);
        out.writeByte(MessageType.SUCCEEDED);
        out.writeInt(taskId);
        out.writeLong(runNanos);
        out.writeInt(0);
        encoded.writeTo(out);
        WireValues.writeString(out, output);
    }

    private void writeFailed(int taskId, long runNanos, Throwable failure, String output) throws IOException {
        String reason;
        int exitValue = 1;
        if (failure instanceof TaskFailure expected) {
            reason = expected.getMessage();
            exitValue = expected.exitValue();
        } else {
            reason = failure.toString();
            StringWriter trace = new StringWriter();
            failure.printStackTrace(new PrintWriter(trace));
            output = output + trace;
        }
        out.writeByte(MessageType.FAILED);
        out.writeInt(taskId);
        out.writeLong(runNanos);
        out.writeInt(exitValue);
        WireValues.writeString(out, reason);
        WireValues.writeString(out, output);
    }

    private void flush() throws IOException {
        out.flush();
        lastFlush = System.nanoTime();
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
            return new Callable() {
                @Override
                public Object call(Object input, TaskContext context) throws Exception {
                    return kind.execute(String.valueOf(input), context.withOptions(options));
                }
            };
        }
        try {
            @SuppressWarnings("unchecked")
            TaskFunction<Object, Object> function = (TaskFunction<Object, Object>) WireValues.deserialize(define.serialized());
            return (input, context) -> function.apply(input);
        } catch (IOException | ClassCastException e) {
            String reason = "the function could not be loaded in the worker: " + e.getMessage();
            return (input, context) -> {
                throw new TaskFailure(reason);
            };
        }
    }

    /** The context of one running task; progress goes out at most every 100 ms. */
    private final class Context implements TaskContext {
        private final int taskId;
        private final int taskNumber;
        private TaskOptions options = TaskOptions.none();
        private long lastProgress;

        Context(int taskId, int taskNumber) {
            this.taskId = taskId;
            this.taskNumber = taskNumber;
        }

        @Override
        public int taskNumber() {
            return taskNumber;
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
            try {
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
