package io.garrison.engine;

import io.garrison.protocol.MessageType;
import io.garrison.protocol.WireValues;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
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

    private static final byte[] CLOSE_STDIN = new byte[0];
    private static final int STDERR_TAIL = 4096;

    final Process process;
    final long spawnNanos = System.nanoTime();
    private final BlockingQueue<byte[]> outbox = new LinkedBlockingQueue<>();
    private final StringBuilder stderrTail = new StringBuilder();

    /** Tasks sent and not yet answered, in the order the worker runs them; the head is running. */
    final ArrayDeque<Job> inFlight = new ArrayDeque<>();
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
    /** Set when the pool killed this worker on purpose, with the reason its running task fails with. */
    String killedBecause;

    WorkerProcess(Process process) {
        this.process = process;
        this.pid = process.pid();
    }

    /** Starts the I/O threads; {@code handler} hears every message and, last, the exit. */
    void startThreads(MessageHandler handler) {
        daemon("garrison-worker-" + pid + "-out", () -> readStdout(handler)).start();
        daemon("garrison-worker-" + pid + "-err", this::drainStderr).start();
        daemon("garrison-worker-" + pid + "-in", this::writeStdin).start();
    }

    void send(byte[] frame) {
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

    /** Kills the worker and everything it started (a curl, a shell); descendants first, while still known. */
    void killTree() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    synchronized String stderrTail() {
        return stderrTail.toString().strip();
    }

    private void writeStdin() {
        try (OutputStream stdin = process.getOutputStream()) {
            while (true) {
                byte[] frame = outbox.take();
                if (frame == CLOSE_STDIN) {
                    return;
                }
                stdin.write(frame);
                if (outbox.isEmpty()) {
                    stdin.flush();
                }
            }
        } catch (IOException | InterruptedException workerGone) {
            // The reader thread sees the exit and tells the pool.
        }
    }

    private void readStdout(MessageHandler handler) {
        DataInputStream in = new DataInputStream(new BufferedInputStream(process.getInputStream(), 1 << 16));
        try {
            while (true) {
                byte type = in.readByte();
                switch (type) {
                    case MessageType.HELLO -> handler.hello(this, in.readLong());
                    case MessageType.PROGRESS -> handler.progress(this, in.readInt(), in.readLong(), in.readLong());
                    case MessageType.SUCCEEDED -> {
                        int taskId = in.readInt();
                        long runNanos = in.readLong();
                        int exitValue = in.readInt();
                        Object value;
                        String decodeError = null;
                        try {
                            value = WireValues.readValue(in);
                        } catch (IOException e) {
                            // A result class the parent cannot load is the task's failure, not the worker's.
                            if (e instanceof EOFException) {
                                throw e;
                            }
                            value = null;
                            decodeError = "the result could not be read: " + e.getMessage();
                        }
                        String output = WireValues.readString(in);
                        if (decodeError == null) {
                            handler.succeeded(this, taskId, runNanos, value, output);
                        } else {
                            handler.failed(this, taskId, runNanos, 1, decodeError, output);
                        }
                    }
                    case MessageType.FAILED -> handler.failed(this, taskId(in), in.readLong(), in.readInt(),
                            WireValues.readString(in), WireValues.readString(in));
                    default -> throw new IOException("unknown message type " + type + " from worker " + pid);
                }
            }
        } catch (IOException endOrGarbage) {
            if (!(endOrGarbage instanceof EOFException)) {
                killTree();
            }
        }
        handler.exited(this, awaitExitCode());
    }

    private static int taskId(DataInputStream in) throws IOException {
        return in.readInt();
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

    private void drainStderr() {
        try (InputStream err = process.getErrorStream()) {
            byte[] buffer = new byte[4096];
            for (int n; (n = err.read(buffer)) >= 0; ) {
                synchronized (this) {
                    stderrTail.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                    if (stderrTail.length() > STDERR_TAIL) {
                        stderrTail.delete(0, stderrTail.length() - STDERR_TAIL);
                    }
                }
            }
        } catch (IOException ignored) {
            // the worker is gone
        }
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }

    /** What a worker's stdout reader reports to the pool. Called on the reader thread. */
    interface MessageHandler {
        void hello(WorkerProcess worker, long pid);

        void progress(WorkerProcess worker, int taskId, long done, long total);

        void succeeded(WorkerProcess worker, int taskId, long runNanos, Object value, String output);

        void failed(WorkerProcess worker, int taskId, long runNanos, int exitValue, String error, String output);

        void exited(WorkerProcess worker, int exitCode);
    }
}
