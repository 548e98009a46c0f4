package io.garrison.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.garrison.task.TaskOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A task is said to start once per attempt, also when the task sent ahead behind it is asked back: the parent
 * cannot tell whether the worker began it until the worker answers.
 */
class TaskStartsTest {

    private final List<WorkerSlot> slots = new ArrayList<>();
    private final List<PoolEvent> heard = new CopyOnWriteArrayList<>();
    private final EventBus bus = new EventBus("task-starts-test");
    private final TaskStarts starts = new TaskStarts(new EventOutlet(bus));
    private final Dispatcher dispatcher = new Dispatcher(() -> slots, starts, () -> 0L, 0, true);

    TaskStartsTest() {
        bus.addListener(heard::add);
    }

    private WorkerSlot readySlot(long pid) {
        WorkerSlot slot = new WorkerSlot(WorkerId.local(pid), new WorkerSlot.Outbox() {
            @Override
            public void send(RunMessage run) {
            }

            @Override
            public void recall(int taskId) {
            }
        });
        slot.markReady(WorkerId.local(pid));
        slots.add(slot);
        return slot;
    }

    /** Worker 1 runs task 0 with task 1 sent ahead; worker 2 then idles, so task 1 is asked back. */
    private WorkerSlot firstWorkerAskedForItsWaitingTask() {
        WorkerSlot first = readySlot(1);
        Object[] inputs = {"a", "b"};
        dispatcher.enqueue(new Submission(FunctionRef.ofKind(1, "sleep", TaskOptions.none()),
                Submission.TaskSource.of(inputs), new ResultCollector(2, false), 1));
        readySlot(2);
        dispatcher.dispatch();
        assertThat(first.isRecalling()).isTrue();
        // Task 0 ends; what the pool does after every outcome: the next task begins, as far as it knows.
        first.complete(first.expectHead(0), 1);
        starts.begin(first, 0);
        return first;
    }

    private List<String> startsHeard() throws InterruptedException {
        bus.awaitIdle();
        List<String> said = new ArrayList<>();
        for (PoolEvent event : heard) {
            if (event instanceof PoolEvent.TaskStarted started) {
                said.add("task " + started.task() + " attempt " + started.attempt() + " on " + started.pid());
            }
        }
        return said;
    }

    @Test
    void aTaskGivenBackUnstartedIsSaidToStartOnceWhenItIsHandedOutAgain() throws InterruptedException {
        WorkerSlot first = firstWorkerAskedForItsWaitingTask();

        WorkerSlot.TakenBack given = first.takeBack(1);
        dispatcher.requeueFirst(given.slice());
        dispatcher.dispatch();

        List<String> said = startsHeard();
        assertThat(said).first().isEqualTo("task 0 attempt 1 on 1");
        assertThat(said).filteredOn(line -> line.startsWith("task 1 ")).as("task 1, handed out again")
                .singleElement().asString().startsWith("task 1 attempt 1 on ");
    }

    @Test
    void aTaskTheWorkerHadBegunBeforeTheRecallIsSaidToStartBeforeItsOutcome() throws InterruptedException {
        WorkerSlot first = firstWorkerAskedForItsWaitingTask();
        assertThat(startsHeard()).as("nothing said while the answer is out").containsExactly("task 0 attempt 1 on 1");

        // Its outcome comes instead of the task: it had begun (TaskOutcomes marks it begun first).
        starts.markBegun(first);

        assertThat(startsHeard()).containsExactly("task 0 attempt 1 on 1", "task 1 attempt 1 on 1");
    }
}
