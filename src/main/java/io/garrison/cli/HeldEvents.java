package io.garrison.cli;

import io.garrison.engine.PoolEvent;
import io.garrison.engine.PoolListener;
import io.garrison.engine.SucceededTasks;
import java.util.ArrayList;
import java.util.List;

/**
 * Lets the workers boot while the task list is still being read: the pool starts first with this listener,
 * which keeps the early events (worker starts) until the real listeners are known, then hands everything
 * over in order. If the list is rejected the held events are dropped, so nothing is printed for a run that
 * never happened.
 */
final class HeldEvents implements PoolListener {

    private final boolean wantsTaskStarts;
    private final boolean wantsSucceededInputs;
    private List<PoolEvent> held = new ArrayList<>();
    private List<PoolListener> targets;

    HeldEvents(boolean wantsTaskStarts, boolean wantsSucceededInputs) {
        this.wantsTaskStarts = wantsTaskStarts;
        this.wantsSucceededInputs = wantsSucceededInputs;
    }

    /** Delivers what was held to {@code listeners}, then forwards every later event as it comes. */
    synchronized void release(List<PoolListener> listeners) {
        targets = List.copyOf(listeners);
        for (PoolEvent event : held) {
            deliver(event);
        }
        held = null;
    }

    @Override
    public boolean wantsTaskStarts() {
        return wantsTaskStarts;
    }

    @Override
    public boolean wantsSucceededInputs() {
        return wantsSucceededInputs;
    }

    @Override
    public synchronized void onEvent(PoolEvent event) {
        if (targets == null) {
            held.add(event);
        } else {
            deliver(event);
        }
    }

    /** Plain output takes results a run at a time: nothing is held by then, as the list was read first. */
    @Override
    public boolean wantsSucceededRuns() {
        return !wantsTaskStarts && !wantsSucceededInputs;
    }

    @Override
    public synchronized void onSucceededRun(SucceededTasks run) {
        if (targets == null) {
            run.forEachEvent(held::add);
            return;
        }
        for (PoolListener target : targets) {
            run.deliverTo(target);
        }
    }

    @Override
    public synchronized void onIdle() {
        if (targets != null) {
            targets.forEach(PoolListener::onIdle);
        }
    }

    private void deliver(PoolEvent event) {
        for (PoolListener target : targets) {
            target.onEvent(event);
        }
    }
}
