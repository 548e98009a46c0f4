package io.garrison.engine;

import io.garrison.protocol.FrameOutput;
import io.garrison.protocol.MessageType;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Tasks handed to one worker in one message, encoded by that worker's writer thread rather than under the
 * pool's lock: a chunk of 125,000 inputs then costs the pool a few field writes, the writers of different
 * workers encode at the same time, and the worker starts reading while the rest is still being encoded.
 * Inputs are read from the submission, whose task source never changes.
 */
final class RunMessage {

    private static final int WRITE_EVERY = 1 << 16;

    private final Submission submission;
    private final int first;
    private final int count;
    private final int firstId;
    private final int slotNumber;
    private final boolean defineFirst;
    /** When the writer finished writing this message; 0 until then. */
    private volatile long writtenNanos;

    RunMessage(Submission submission, int first, int count, int firstId, int slotNumber, boolean defineFirst) {
        this.submission = submission;
        this.first = first;
        this.count = count;
        this.firstId = firstId;
        this.slotNumber = slotNumber;
        this.defineFirst = defineFirst;
    }

    /** Encodes into {@code buffer} and writes to {@code pipe} as it goes. */
    void writeTo(FrameOutput buffer, OutputStream pipe) throws IOException {
        buffer.reset();
        FunctionRef function = submission.function;
        if (defineFirst) {
            function.writeDefinition(buffer);
        }
        buffer.writeByte(MessageType.RUN);
        buffer.writeInt(function.id);
        buffer.writeInt(count);
        buffer.writeInt(firstId);
        buffer.writeInt(slotNumber);
        for (int position = first; position < first + count; position++) {
            buffer.writeInt(submission.index(position) + 1);
            try {
                if (!submission.writeInput(position, buffer)) {
                    buffer.writeValue(submission.input(position));
                }
            } catch (IOException | RuntimeException | StackOverflowError | LinkageError unsendable) {
                // Nothing of the value was written (a deep object graph overflows the stack while serializing,
                // before the first byte): the worker fails this task alone, and the pool does not retry it.
                submission.markUnsendable(position);
                buffer.writeUnsendable("the input cannot be sent to a worker: " + unsendable);
            }
            flushIfFull(buffer, pipe);
        }
        buffer.writeTo(pipe);
        buffer.reset();
        writtenNanos = System.nanoTime();
    }

    private static void flushIfFull(FrameOutput buffer, OutputStream pipe) throws IOException {
        if (buffer.size() >= WRITE_EVERY) {
            buffer.writeTo(pipe);
            buffer.reset();
        }
    }

    /** When the whole message had been written to the worker's pipe; 0 while it has not. */
    long writtenNanos() {
        return writtenNanos;
    }
}
