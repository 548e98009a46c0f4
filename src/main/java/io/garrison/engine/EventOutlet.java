package io.garrison.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the pool's parts put their events, in the order they happen under the pool's lock. While a result
 * batch is handled its events are held and handed to the {@link EventBus} together, so listeners get a batch
 * in one hand-over instead of a wake-up per task.
 *
 * <p>Threading: every method is called only under the pool's lock; {@link #bus()}'s own methods are any-thread.
 */
final class EventOutlet {

    private final EventBus bus;
    /** Events of the result batch being handled; null when none is. Accessed only under the pool's lock. */
    private List<Object> held;

    EventOutlet(EventBus bus) {
        this.bus = bus;
    }

    EventBus bus() {
        return bus;
    }

    boolean hasListeners() {
        return bus.hasListeners();
    }

    /** Publishes now, or with the batch being handled. */
    void emit(PoolEvent event) {
        if (held != null) {
            held.add(event);
        } else {
            bus.publish(event);
        }
    }

    /** Publishes now even while a batch is held: worker and pool facts are not part of a batch. */
    void publishNow(PoolEvent event) {
        bus.publish(event);
    }

    /** Holds what is emitted until {@link #release()}, if anyone listens. @return whether anyone listens */
    boolean hold() {
        boolean listened = bus.hasListeners();
        held = listened ? new ArrayList<>() : null;
        return listened;
    }

    /** Adds a run of successes (or anything {@link EventBus#publishAll} takes) to the held batch. */
    void addHeld(Object item) {
        held.add(item);
    }

    void release() {
        if (held != null) {
            bus.publishAll(held);
            held = null;
        }
    }
}
