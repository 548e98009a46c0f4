package io.garrison.engine;

/**
 * Consecutive tasks of one submission: waiting in the pool's queue, or sent to one worker in one message and
 * not yet answered. Guarded by the pool's lock.
 */
final class Slice {

    final Submission submission;
    /** The next task to hand out (queued) or to be answered (sent); tasks before it are done with here. */
    int next;
    final int end;
    /** For a sent slice: the id its worker reports for the task at {@link #next}; ids are consecutive. */
    int nextId;
    /** For a sent slice: the message that carries it. */
    RunMessage message;

    Slice(Submission submission, int start, int end) {
        this.submission = submission;
        this.next = start;
        this.end = end;
    }

    int remaining() {
        return end - next;
    }

    /** The next message's worth of tasks for a worker that may take at most {@code limit} more. */
    int chunkFor(int limit) {
        return Math.min(Math.min(submission.chunkSize, remaining()), limit);
    }
}
