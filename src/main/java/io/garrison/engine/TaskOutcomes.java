package io.garrison.engine;

import io.garrison.protocol.WireException;

/**
 * What a worker says about its tasks, applied to the pool: a success reaches its submission's sink and the
 * listeners, a failure goes to the {@link AttemptLedger}, progress to the listeners. Every answer is about the
 * worker's oldest open task (workers answer in order); one that is not breaks the protocol.
 *
 * <p>Threading: every method is called holding the pool's lock.
 */
final class TaskOutcomes {

    private final EventOutlet events;
    private final TaskStarts starts;
    private final AttemptLedger ledger;
    private final TaskTimeout timeout;

    TaskOutcomes(EventOutlet events, TaskStarts starts, AttemptLedger ledger, TaskTimeout timeout) {
        this.events = events;
        this.starts = starts;
        this.ledger = ledger;
        this.timeout = timeout;
    }

    void progress(WorkerSlot slot, int taskId, long done, long total) {
        Slice head = slot.head();
        if (head != null && head.nextId == taskId) {
            events.publishNow(new PoolEvent.TaskProgress(System.currentTimeMillis(),
                    head.submission.index(head.next), head.submission.line(head.next), slot.id().pid(), done, total,
                    slot.id().host()));
        }
    }

    void succeeded(WorkerSlot slot, int taskId, long runNanos, Object value, String output) {
        FunctionRef function = slot.expectHead(taskId).submission.function;
        succeededOne(slot, taskId, runNanos, value, output);
        function.recordRunTime(runNanos);
        timeout.succeeded(runNanos);
    }

    /**
     * {@code count} consecutive tasks from {@code firstTaskId} succeeded; their events reach listeners in one
     * hand-over.
     *
     * @return whether a listener holds on to {@code values}
     */
    boolean succeededBatch(WorkerSlot slot, int firstTaskId, long totalRunNanos, ResultColumn values, int count) {
        long perTask = totalRunNanos / count;
        FunctionRef function = slot.expectHead(firstTaskId).submission.function;
        boolean listened = events.hold();
        try {
            int done = 0;
            while (done < count) {
                // A batch may span the slices of several messages; ids run on across them.
                Slice head = slot.expectHead(firstTaskId + done);
                int inHead = Math.min(head.remaining(), count - done);
                if (listened && head.submission.hasEarlierAttempts()) {
                    // Retried tasks start at later attempts, which only this lock can tell.
                    for (int i = 0; i < inHead; i++) {
                        succeededOne(slot, firstTaskId + done + i, perTask, values.get(done + i), "");
                    }
                } else {
                    if (listened) {
                        EventBus bus = events.bus();
                        events.addHeld(new SucceededRun(head.submission, head.next, values, done, inHead,
                                slot.id(), perTask / 1_000_000L, System.currentTimeMillis(),
                                slot.isHeadStarted(), bus.wantsTaskStarts(), bus.wantsSucceededInputs()));
                    }
                    head.submission.sink.succeeded(head.next, values, done, inHead);
                    slot.complete(head, inHead);
                }
                done += inHead;
            }
        } finally {
            events.release();
        }
        function.recordRunTime(perTask);
        timeout.succeeded(perTask, count);
        // The sinks copy what they keep; only a listener's runs hold on to the column.
        return listened;
    }

    void failed(WorkerSlot slot, int taskId, long runNanos, int exitValue, String error, String output,
                FailureCause cause, HostTrouble trouble, WireException thrown) {
        Slice head = slot.expectHead(taskId);
        starts.markBegun(slot);
        Submission submission = head.submission;
        int position = head.next;
        slot.complete(head, 1);
        submission.function.recordRunTime(runNanos);
        ledger.failedAttempt(submission, position, slot.id(), error, cause, exitValue, runNanos / 1_000_000L,
                output, trouble, thrown);
    }

    private void succeededOne(WorkerSlot slot, int taskId, long runNanos, Object value, String output) {
        Slice head = slot.expectHead(taskId);
        starts.markBegun(slot);
        Submission submission = head.submission;
        int position = head.next;
        slot.complete(head, 1);
        if (events.hasListeners()) {
            events.emit(new PoolEvent.TaskSucceeded(System.currentTimeMillis(), submission.index(position),
                    submission.line(position), events.bus().wantsSucceededInputs() ? submission.displayInput(position) : "",
                    slot.id().pid(), Submission.describe(value), runNanos / 1_000_000L, output, slot.id().host()));
        }
        submission.sink.succeeded(position, value);
    }
}
