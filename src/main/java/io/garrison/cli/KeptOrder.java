package io.garrison.cli;

import io.garrison.engine.PoolEvent;
import io.garrison.engine.PoolListener;
import io.garrison.engine.TaskRun;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code --keep-order}: passes each task's final event (succeeded, or failed for good, run or not) on to the
 * output in the order of the list, as GNU parallel's {@code -k} prints its jobs' outputs. A task that ends before
 * an earlier one is held until every earlier one has ended, so a slow early task holds all later results in
 * memory while it runs, as it does in parallel. Tasks a joblog shows done never end here: {@link #watching}
 * learns of them as the list is read, and they are passed over. Every other event goes on at once.
 *
 * <p>Threading: events come on the pool's event thread; the skip of {@link #watching} is asked on the thread
 * that reads the list.
 */
final class KeptOrder implements PoolListener {

    private final PoolListener output;
    /** Final events of tasks that ended before an earlier one, by task index. Event thread only. */
    private final Map<Integer, PoolEvent> held = new HashMap<>();
    /** The index of the first task whose final event has not been passed on. Event thread only. */
    private int next;
    /**
     * Runs of skipped task indices, {@code [from, to)}, ascending, not yet passed over: the list is read in
     * order, so a resumed run of a million done tasks in a row is one run. Guarded by itself.
     */
    private final ArrayDeque<int[]> skipped = new ArrayDeque<>();

    KeptOrder(PoolListener output) {
        this.output = output;
    }

    /**
     * {@code skip}, telling this of each task it skips. A task is skipped before any later task of the list is
     * handed to a worker, so its mark is there before the event thread can wait on it.
     */
    TaskRun.Skip watching(TaskRun.Skip skip) {
        if (skip == TaskRun.Skip.NONE) {
            return TaskRun.Skip.NONE;
        }
        return (index, line, input) -> {
            boolean skips = skip.skips(index, line, input);
            if (skips) {
                markSkipped(index);
            }
            return skips;
        };
    }

    @Override
    public boolean wantsTaskStarts() {
        return output.wantsTaskStarts();
    }

    @Override
    public boolean wantsSucceededInputs() {
        return output.wantsSucceededInputs();
    }

    @Override
    public void onEvent(PoolEvent event) {
        if (event instanceof PoolEvent.TaskSucceeded done) {
            arrived(done.task(), event);
        } else if (event instanceof PoolEvent.TaskFailed failed && !failed.willRetry()) {
            arrived(failed.task(), event);
        } else if (event instanceof PoolEvent.RunFinished) {
            // Every task has its outcome by now; whatever is still held waited for a task that has none to give.
            new TreeMap<>(held).values().forEach(output::onEvent);
            held.clear();
            output.onEvent(event);
        } else {
            output.onEvent(event);
        }
    }

    @Override
    public void onIdle() {
        output.onIdle();
    }

    private void arrived(int task, PoolEvent event) {
        if (task < next) {
            // A task has one final event; should a second come, it is printed rather than lost.
            output.onEvent(event);
            return;
        }
        held.put(task, event);
        while (true) {
            PoolEvent waiting = held.remove(next);
            if (waiting != null) {
                output.onEvent(waiting);
                next++;
            } else if (!passSkipped()) {
                return;
            }
        }
    }

    private void markSkipped(int index) {
        synchronized (skipped) {
            int[] last = skipped.peekLast();
            if (last != null && last[1] == index) {
                last[1]++;
            } else {
                skipped.addLast(new int[] {index, index + 1});
            }
        }
    }

    /** Moves {@link #next} past a run of skipped tasks it stands at; false when it stands at none. */
    private boolean passSkipped() {
        synchronized (skipped) {
            while (!skipped.isEmpty() && skipped.peekFirst()[1] <= next) {
                skipped.removeFirst();
            }
            int[] first = skipped.peekFirst();
            if (first == null || first[0] > next) {
                return false;
            }
            next = first[1];
            skipped.removeFirst();
            return true;
        }
    }
}
