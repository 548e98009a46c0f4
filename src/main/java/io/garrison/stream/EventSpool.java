package io.garrison.stream;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * A run's event stream kept whole in a temporary file (mode 0600), so that a watcher who comes late still gets it
 * from the start while the run's memory stays the same at a million tasks. One writer appends through
 * {@link #output()}; its {@code flush()} makes what was written visible to any number of readers, who each read
 * the file at their own pace and wait here for more.
 *
 * <p>States: open, then ended (by {@link #end()}: nothing more comes), then deleted. Readers learn the end from
 * {@link #awaitBeyond}; {@link #isWhole()} says whether the stream ended whole or because the file failed.
 */
final class EventSpool {

    /** How the spool files start: a reader of the registry removes a stale run's spool only if it is named so. */
    static final String PREFIX = "garrison-watch-";
    private static final int BUFFER = 1 << 16;

    private final Path file;
    private final FileChannel channel;
    private final Output output;
    private final Object lock = new Object();
    /** How many bytes of the file readers may read; guarded by {@link #lock}. */
    private long published;
    /** Whether nothing more will be published; guarded by {@link #lock}. */
    private boolean ended;
    /** Whether the file failed to take a write, so the stream ended short; guarded by {@link #lock}. */
    private boolean broken;

    private EventSpool(Path file, Consumer<IOException> failed) throws IOException {
        this.file = file;
        this.channel = FileChannel.open(file, StandardOpenOption.WRITE);
        this.output = new Output(failed);
    }

    /** A new spool in the temporary folder, removed at the latest when the JVM exits. */
    static EventSpool create(Consumer<IOException> failed) throws IOException {
        Path file = Files.createTempFile(PREFIX, ".ndjson");
        file.toFile().deleteOnExit();
        return new EventSpool(file, failed);
    }

    Path file() {
        return file;
    }

    /**
     * The writing end, for one thread. It never throws: a file that fails a write ends the spool short and tells
     * the consumer given at creation once, and the run goes on without it.
     */
    OutputStream output() {
        return output;
    }

    /**
     * Waits until more than {@code position} bytes are published and returns how many are, or returns -1 when the
     * spool ended at {@code position}.
     */
    long awaitBeyond(long position) throws InterruptedException {
        synchronized (lock) {
            while (published <= position && !ended) {
                lock.wait();
            }
            return published > position ? published : -1;
        }
    }

    /** Publishes what was written and ends the spool; readers then read to its end and stop. */
    void end() {
        output.close();
        synchronized (lock) {
            ended = true;
            lock.notifyAll();
        }
    }

    /** Whether the spool ended with everything written to it; meaningful once it ended. */
    boolean isWhole() {
        synchronized (lock) {
            return !broken;
        }
    }

    /** A reading end of its own for one reader. */
    FileChannel openReader() throws IOException {
        return FileChannel.open(file, StandardOpenOption.READ);
    }

    /** Ends the spool if it was not, and removes its file; readers that still hold it open keep reading it. */
    void delete() {
        end();
        try {
            channel.close();
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // removed at exit
        }
    }

    private void publish(long length) {
        synchronized (lock) {
            published = length;
            lock.notifyAll();
        }
    }

    private void breakOff() {
        synchronized (lock) {
            broken = true;
            ended = true;
            lock.notifyAll();
        }
    }

    /**
     * The writing end: buffers, and on flush writes the buffer to the file and publishes the new length. Its
     * methods are synchronized only so that {@link #end()} may close it from another thread than the writer's;
     * the lock is otherwise uncontended.
     */
    private final class Output extends OutputStream {
        private final Consumer<IOException> failed;
        /** Guarded by this Output, as are the fields below. */
        private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
        private long written;
        private boolean closed;

        Output(Consumer<IOException> failed) {
            this.failed = failed;
        }

        @Override
        public synchronized void write(int b) {
            if (closed) {
                return;
            }
            if (!buffer.hasRemaining()) {
                flush();
            }
            buffer.put((byte) b);
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            while (length > 0 && !closed) {
                if (!buffer.hasRemaining()) {
                    flush();
                }
                int part = Math.min(length, buffer.remaining());
                buffer.put(bytes, offset, part);
                offset += part;
                length -= part;
            }
        }

        @Override
        public synchronized void flush() {
            if (closed || buffer.position() == 0) {
                return;
            }
            buffer.flip();
            try {
                while (buffer.hasRemaining()) {
                    written += channel.write(buffer);
                }
            } catch (IOException e) {
                closed = true;
                breakOff();
                failed.accept(e);
                return;
            } finally {
                buffer.clear();
            }
            publish(written);
        }

        /** Writes what is buffered; later writes are dropped. */
        @Override
        public synchronized void close() {
            flush();
            closed = true;
        }
    }
}
