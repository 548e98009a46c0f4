package io.garrison.worker;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Where {@code System.out} goes inside a worker: into the running task's output (bounded), or to stderr
 * between tasks. Only the worker loop's thread starts and ends a capture.
 */
final class TaskOutputCapture extends OutputStream {

    static final int LIMIT = 1 << 20;

    private final PrintStream betweenTasks;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private volatile boolean capturing;
    /** Whether anything was captured since the last {@link #begin()}. */
    private volatile boolean dirty;
    private long dropped;

    TaskOutputCapture(PrintStream betweenTasks) {
        this.betweenTasks = betweenTasks;
    }

    void begin() {
        if (dirty) {
            synchronized (this) {
                buffer.reset();
                dropped = 0;
                dirty = false;
            }
        }
        capturing = true;
    }

    /** Ends the capture and returns what the task printed. */
    /** Ends the capture; the common case, a task that printed nothing, takes no lock. */
    String end() {
        capturing = false;
        return dirty ? captured() : "";
    }

    private synchronized String captured() {
        String text = buffer.toString(StandardCharsets.UTF_8);
        return dropped == 0 ? text : text + "\n[garrison: " + dropped + " more bytes of output dropped]\n";
    }

    @Override
    public synchronized void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        if (!capturing) {
            betweenTasks.write(bytes, offset, length);
            return;
        }
        dirty = true;
        int room = LIMIT - buffer.size();
        int kept = Math.min(room, length);
        buffer.write(bytes, offset, kept);
        dropped += length - kept;
    }
}
