package io.garrison.engine;

import io.garrison.protocol.WireException;

/**
 * Keeps account of failed attempts: a task whose attempt failed goes back to the queue while it has retries
 * left; otherwise its failure is final, is told to its submission's sink and to listeners, and counts towards
 * the halt policy, which it triggers.
 *
 * <p>Threading: every field is accessed only under the pool's lock, and every method is called holding it.
 */
final class AttemptLedger {

    /** Stops the pool from handing out tasks; the ledger calls it when the halt policy is met. */
    interface Halter {
        void halt(HaltReason reason, boolean now);
    }

    private final EventOutlet events;
    private final Dispatcher dispatcher;
    private final PoolLifecycle lifecycle;
    private final int retries;
    private final HaltPolicy haltPolicy;
    private final Halter halter;
    private int finalFailures;

    AttemptLedger(EventOutlet events, Dispatcher dispatcher, PoolLifecycle lifecycle, int retries, HaltPolicy haltPolicy,
                  Halter halter) {
        this.events = events;
        this.dispatcher = dispatcher;
        this.lifecycle = lifecycle;
        this.retries = retries;
        this.haltPolicy = haltPolicy;
        this.halter = halter;
    }

    /** Who ran a task that never reached a worker: PID 0, as events have always said. */
    private static final WorkerId NO_WORKER = WorkerId.local(0);
    /** How often a task may lose its host without that counting against its retries. */
    static final int FORGIVEN_HOST_LOSSES = 3;

    /** An attempt that began failed: the task goes back to the queue while it has retries left. */
    void failedAttempt(Submission submission, int position, WorkerId worker, String reason, FailureCause cause,
                       int exitValue, long elapsedMs, String output) {
        failedAttempt(submission, position, worker, reason, cause, exitValue, elapsedMs, output, null, null);
    }

    /**
     * @param trouble non-null when the task's host is in passing trouble: the host is paused before the task is
     *                tried again. A {@link FailureCause#PERMANENT_ERROR} is never tried again.
     * @param thrown  what the task threw, for its final failure's cause; null when it threw nothing
     */
    void failedAttempt(Submission submission, int position, WorkerId worker, String reason, FailureCause cause,
                       int exitValue, long elapsedMs, String output, HostTrouble trouble, WireException thrown) {
        long pid = worker.pid();
        int attempts = submission.attemptsBefore(position) + 1;
        if (submission.isUnsendable(position)) {
            // Trying again would fail the same way, and a task that never reached a worker says nothing about
            // the tasks that did: no retry, and it does not count towards a halt.
            finalFailure(submission, position, attempts, worker, reason, FailureCause.UNSENDABLE, exitValue,
                    elapsedMs, output, thrown);
            return;
        }
        boolean forgiven = cause == FailureCause.HOST_LOST && submission.hostLosses(position) < FORGIVEN_HOST_LOSSES;
        int counted = attempts - submission.hostLosses(position) - (forgiven ? 1 : 0);
        if (!lifecycle.stopsRetries() && counted <= retries && cause != FailureCause.PERMANENT_ERROR) {
            submission.recordAttempts(position, attempts);
            if (forgiven) {
                submission.recordHostLoss(position);
            }
            HostGate.Pause pause = trouble == null ? null
                    : dispatcher.pauseHostOf(submission, position, trouble, attempts);
            if (pause != null && events.hasListeners()) {
                events.emit(new PoolEvent.HostPaused(System.currentTimeMillis(), pause.host(),
                        pause.nanos() / 1_000_000L, pause.atOnce(), reason));
            }
            if (events.hasListeners()) {
                events.emit(new PoolEvent.TaskFailed(System.currentTimeMillis(), submission.index(position),
                        submission.line(position), submission.displayInput(position), pid, reason, exitValue,
                        elapsedMs, attempts, true, output, cause, worker.host()));
            }
            // Back to the front of the queue, alone, so it goes to the next free worker.
            dispatcher.requeueFirst(new Slice(submission, position, position + 1));
            return;
        }
        finalFailure(submission, position, attempts, worker, reason, cause, exitValue, elapsedMs, output, thrown);
        finalFailures++;
        if (!lifecycle.isHalted() && haltPolicy.triggeredBy(finalFailures)) {
            halter.halt(new HaltReason("halted after " + finalFailures
                    + (finalFailures == 1 ? " failed task" : " failed tasks")), haltPolicy.now());
        }
    }

    /** Every task of the slice fails without having started, for {@code reason}. */
    void failUnstarted(Slice slice, String reason) {
        for (int position = slice.next; position < slice.end; position++) {
            finalFailure(slice.submission, position, slice.submission.attemptsBefore(position), NO_WORKER, reason,
                    FailureCause.NOT_RUN, -1, 0, "");
        }
    }

    /** @param attempts how many times the task ran, this time included */
    void finalFailure(Submission submission, int position, int attempts, WorkerId worker, String reason,
                      FailureCause cause, int exitValue, long elapsedMs, String output) {
        finalFailure(submission, position, attempts, worker, reason, cause, exitValue, elapsedMs, output, null);
    }

    /**
     * @param attempts how many times the task ran, this time included
     * @param thrown   what the task threw; null when it threw nothing
     */
    void finalFailure(Submission submission, int position, int attempts, WorkerId worker, String reason,
                      FailureCause cause, int exitValue, long elapsedMs, String output, WireException thrown) {
        int index = submission.index(position);
        long pid = worker.pid();
        if (events.hasListeners()) {
            events.emit(new PoolEvent.TaskFailed(System.currentTimeMillis(), index, submission.line(position),
                    submission.displayInput(position), pid, reason, exitValue, elapsedMs, attempts, false, output,
                    cause, worker.host()));
        }
        submission.sink.failed(position, new Submission.FailedTask(index, pid, reason, output, cause, thrown));
    }
}
