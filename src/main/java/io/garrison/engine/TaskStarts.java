package io.garrison.engine;

/**
 * Says when a worker's oldest open task begins: when it reaches an idle worker, or when the task before it ends.
 * A task's start is counted once, and its event built only when someone listens for starts.
 *
 * <p>Threading: called only under the pool's lock.
 */
final class TaskStarts {

    private final EventOutlet events;

    TaskStarts(EventOutlet events) {
        this.events = events;
    }

    /**
     * The slot's head task begins now, as far as the pool knows (its clock for timeouts starts). Not said yet of a
     * task the pool has asked back: the worker may return it unstarted, to begin elsewhere. Its outcome, or its
     * worker's exit, says it began ({@link #markBegun}).
     */
    void begin(WorkerSlot slot, long nowNanos) {
        slot.setHeadStartNanos(nowNanos);
        if (!slot.isRecallingHead()) {
            markBegun(slot);
        }
    }

    /** The slot's head task has begun, if it was not counted yet. */
    void markBegun(WorkerSlot slot) {
        if (!slot.markHeadStarted()) {
            return;
        }
        if (events.bus().wantsTaskStarts()) {
            Slice head = slot.head();
            Submission submission = head.submission;
            int position = head.next;
            events.emit(new PoolEvent.TaskStarted(System.currentTimeMillis(), submission.index(position),
                    submission.line(position), submission.displayInput(position), slot.id().pid(),
                    submission.attemptsBefore(position) + 1, slot.id().host()));
        }
    }
}
