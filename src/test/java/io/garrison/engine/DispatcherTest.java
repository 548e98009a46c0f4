package io.garrison.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Dispatch decisions, exactly, without a process: slots record what they are sent, a fake clock drives pacing,
 * and the tests say what each worker holds after each event.
 */
class DispatcherTest {

    private final List<WorkerSlot> slots = new ArrayList<>();
    private final List<String> sent = new ArrayList<>();
    private long now = TimeUnit.SECONDS.toNanos(100);

    private Dispatcher dispatcher(int maxTasksPerWorker, boolean sendsSlowTasksAhead) {
        TaskStarts starts = new TaskStarts(new EventOutlet(new EventBus("dispatcher-test")));
        return new Dispatcher(() -> slots, starts, () -> now, maxTasksPerWorker, sendsSlowTasksAhead);
    }

    private WorkerSlot readySlot(long pid) {
        WorkerSlot slot = startingSlot(pid);
        slot.markReady(WorkerId.local(pid));
        return slot;
    }

    /** A worker's slot before its hello; what it is sent is written down as "PID run" or "PID recall ID". */
    private WorkerSlot startingSlot(long pid) {
        WorkerSlot slot = new WorkerSlot(WorkerId.local(pid), new WorkerSlot.Outbox() {
            @Override
            public void send(RunMessage run) {
                sent.add(pid + " run");
            }

            @Override
            public void recall(int taskId) {
                sent.add(pid + " recall " + taskId);
            }
        });
        slots.add(slot);
        return slot;
    }

    private static Submission submission(int tasks, int chunkSize, FunctionRef function) {
        Object[] inputs = new Object[tasks];
        return new Submission(function, Submission.TaskSource.of(inputs), new ResultCollector(tasks, false), chunkSize);
    }

    /** A function whose tasks take {@code runNanos} on average, as the pool would have measured. */
    private static FunctionRef functionTaking(long runNanos) {
        FunctionRef function = FunctionRef.ofKind(1, "sleep", io.garrison.task.TaskOptions.none());
        if (runNanos >= 0) {
            function.recordRunTime(runNanos);
        }
        return function;
    }

    @Test
    void slowTasksGoOneToEachIdleWorkerInTurnAndTheRestWait() {
        WorkerSlot a = readySlot(1);
        WorkerSlot b = readySlot(2);
        Dispatcher dispatcher = dispatcher(0, false);

        dispatcher.enqueue(submission(5, 1, functionTaking(-1)));

        assertThat(a.taskCount()).isEqualTo(1);
        assertThat(b.taskCount()).isEqualTo(1);
        assertThat(dispatcher.queuedTasks()).isEqualTo(3);
        assertThat(sent).containsExactly("1 run", "2 run");
    }

    @Test
    void oneSlowTaskWaitsBehindARunningOneOnlyWhenNoWorkerIdlesAndNoHaltPolicyForbidsIt() {
        WorkerSlot a = readySlot(1);
        Dispatcher ahead = dispatcher(0, true);
        ahead.enqueue(submission(3, 1, functionTaking(-1)));
        assertThat(a.taskCount()).as("one running, one sent ahead").isEqualTo(2);

        slots.clear();
        WorkerSlot b = readySlot(2);
        Dispatcher underHalt = dispatcher(0, false);
        underHalt.enqueue(submission(3, 1, functionTaking(-1)));
        assertThat(b.taskCount()).as("a halt must find queued tasks in the pool's hands").isEqualTo(1);
    }

    @Test
    void shortTasksAreSentAheadInBatchesOfHalfOfWhatAWorkerHolds() {
        WorkerSlot a = readySlot(1);
        Dispatcher dispatcher = dispatcher(0, false);

        // 100 µs a task: a worker holds 10 ms of work, 100 tasks, and is sent 50 at a time.
        dispatcher.enqueue(submission(1000, 1, functionTaking(100_000)));

        assertThat(a.taskCount()).isEqualTo(100);
        assertThat(sent).containsExactly("1 run", "1 run");
        assertThat(dispatcher.queuedTasks()).isEqualTo(900);
    }

    @Test
    void aWorkerPastItsTaskQuotaIsGivenNoMore() {
        WorkerSlot a = readySlot(1);
        Dispatcher dispatcher = dispatcher(2, false);

        dispatcher.enqueue(submission(10, 5, functionTaking(-1)));

        assertThat(a.taskCount()).as("a chunk of 5 cut to the quota of 2").isEqualTo(2);
        assertThat(dispatcher.queuedTasks()).isEqualTo(8);
    }

    @Test
    void aWorkerThatHasNotAnsweredTakesNothing() {
        startingSlot(9);
        Dispatcher dispatcher = dispatcher(0, false);

        dispatcher.enqueue(submission(3, 1, functionTaking(-1)));

        assertThat(sent).isEmpty();
        assertThat(dispatcher.queuedTasks()).isEqualTo(3);
    }

    @Test
    void aPacedRunHandsOutOneChunkPerPeriodTakingTurns() {
        WorkerSlot a = readySlot(1);
        WorkerSlot b = readySlot(2);
        Dispatcher dispatcher = dispatcher(0, false);
        dispatcher.setPace(TimeUnit.SECONDS.toNanos(1));

        dispatcher.enqueue(submission(4, 1, functionTaking(-1)));
        assertThat(sent).containsExactly("1 run");

        now += TimeUnit.MILLISECONDS.toNanos(999);
        dispatcher.tick();
        assertThat(sent).as("before the period is over").containsExactly("1 run");

        now += TimeUnit.MILLISECONDS.toNanos(1);
        dispatcher.tick();
        assertThat(sent).as("the next soldier's turn").containsExactly("1 run", "2 run");
        assertThat(a.taskCount()).isEqualTo(1);
        assertThat(b.taskCount()).isEqualTo(1);
    }

    @Test
    void aTaskSentAheadIsRecalledWhenTheQueueIsEmptyAndAnotherWorkerIdles() {
        WorkerSlot a = readySlot(1);
        Dispatcher dispatcher = dispatcher(0, true);
        dispatcher.enqueue(submission(2, 1, functionTaking(-1)));
        assertThat(a.taskCount()).as("one running, one sent ahead").isEqualTo(2);

        readySlot(2);
        dispatcher.dispatch();

        assertThat(sent).containsExactly("1 run", "1 run", "1 recall 1");
        assertThat(a.isRecalling()).isTrue();
    }

    @Test
    void pausingRecallsTheTaskSentAheadAndHandsOutNothingUntilResumed() {
        WorkerSlot a = readySlot(1);
        Dispatcher dispatcher = dispatcher(0, true);
        dispatcher.enqueue(submission(3, 1, functionTaking(-1)));

        dispatcher.setPaused(true);
        assertThat(sent).containsExactly("1 run", "1 run", "1 recall 1");

        WorkerSlot.TakenBack given = a.takeBack(1);
        dispatcher.requeueFirst(given.slice());
        dispatcher.dispatch();
        assertThat(a.taskCount()).as("paused: the recalled task stays queued").isEqualTo(1);
        assertThat(dispatcher.queuedTasks()).isEqualTo(2);

        dispatcher.setPaused(false);
        assertThat(a.taskCount()).isEqualTo(2);
    }

    @Test
    void tasksAWorkerNeverStartedGoBackToTheFrontInTheirOrder() {
        WorkerSlot a = readySlot(1);
        Dispatcher dispatcher = dispatcher(0, false);
        dispatcher.enqueue(submission(1000, 1, functionTaking(100_000)));
        int queuedBefore = dispatcher.queuedTasks();

        WorkerSlot.Drained drained = a.drain();
        dispatcher.requeueFirst(drained.neverStarted());

        assertThat(drained.running().next).as("the task it was running").isZero();
        assertThat(dispatcher.queuedTasks()).isEqualTo(queuedBefore + 99);
        List<Slice> queue = dispatcher.drainQueue();
        assertThat(queue.get(0).next).as("the first task it never started leads the queue").isEqualTo(1);
    }

    @Test
    void whilePausedEachStepHandsOutExactlyOneChunkToTheNextIdleWorkerInTurn() {
        WorkerSlot a = readySlot(1);
        WorkerSlot b = readySlot(2);
        Dispatcher dispatcher = dispatcher(0, true);
        dispatcher.setPaused(true);
        dispatcher.enqueue(submission(5, 1, functionTaking(-1)));
        assertThat(sent).as("paused").isEmpty();

        dispatcher.step();
        assertThat(sent).containsExactly("1 run");
        assertThat(a.taskCount()).isEqualTo(1);
        assertThat(dispatcher.queuedTasks()).isEqualTo(4);

        dispatcher.step();
        assertThat(sent).as("the next soldier's turn").containsExactly("1 run", "2 run");
        assertThat(b.taskCount()).isEqualTo(1);

        dispatcher.dispatch();
        assertThat(sent).as("still paused: nothing sent ahead without a step").containsExactly("1 run", "2 run");
        assertThat(dispatcher.queuedTasks()).isEqualTo(3);
    }

    @Test
    void aStepWhenEveryWorkerIsBusyHandsItsChunkToTheFirstWorkerThatIdlesAndNoMore() {
        WorkerSlot a = readySlot(1);
        Dispatcher dispatcher = dispatcher(0, true);
        dispatcher.setPaused(true);
        dispatcher.enqueue(submission(5, 1, functionTaking(-1)));
        dispatcher.step();
        assertThat(sent).containsExactly("1 run");

        dispatcher.step();
        assertThat(sent).as("the only worker is busy: the step waits").containsExactly("1 run");

        a.complete(a.head(), 1);
        dispatcher.dispatch();
        assertThat(sent).as("owed to the worker that idled").containsExactly("1 run", "1 run");
        a.complete(a.head(), 1);
        dispatcher.dispatch();
        assertThat(sent).as("one chunk per step, not one more").containsExactly("1 run", "1 run");
        assertThat(dispatcher.queuedTasks()).isEqualTo(3);
    }

    @Test
    void aStepHandsOutAWholeChunkAndPressesOnAnEmptyQueueAreNotOwedToALaterSubmission() {
        WorkerSlot a = readySlot(1);
        readySlot(2);
        Dispatcher dispatcher = dispatcher(0, false);
        dispatcher.setPaused(true);
        dispatcher.step();
        dispatcher.step();

        dispatcher.enqueue(submission(10, 3, functionTaking(-1)));
        assertThat(sent).as("steps asked for before any task waited").isEmpty();

        dispatcher.step();
        assertThat(a.taskCount()).as("one chunk of three").isEqualTo(3);
        assertThat(dispatcher.queuedTasks()).isEqualTo(7);
    }

    @Test
    void aStepInAPacedRunDoesNotWaitForThePeriodAndThePeriodStartsAgainFromIt() {
        readySlot(1);
        readySlot(2);
        readySlot(3);
        Dispatcher dispatcher = dispatcher(0, false);
        dispatcher.setPace(TimeUnit.SECONDS.toNanos(5));
        dispatcher.enqueue(submission(6, 1, functionTaking(-1)));
        assertThat(sent).containsExactly("1 run");

        now += TimeUnit.SECONDS.toNanos(1);
        dispatcher.step();
        assertThat(sent).containsExactly("1 run", "2 run");

        now += TimeUnit.SECONDS.toNanos(4);
        dispatcher.tick();
        assertThat(sent).as("five seconds after the first chunk, four after the step").containsExactly("1 run", "2 run");
        now += TimeUnit.SECONDS.toNanos(1);
        dispatcher.tick();
        assertThat(sent).containsExactly("1 run", "2 run", "3 run");
    }
}
