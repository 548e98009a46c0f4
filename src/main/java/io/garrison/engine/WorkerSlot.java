package io.garrison.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A worker's place in dispatch: whether it takes tasks, and the tasks it holds, sent and not yet answered, in
 * the order it runs them. It knows nothing of processes or pipes: what it sends goes through its
 * {@link Outbox}, so dispatch can be tested without starting a JVM.
 *
 * <p>Threading: every field is accessed only under the pool's lock.
 */
final class WorkerSlot {

    /** Where a slot's messages go: the worker's channel, or a test's list. Must not block. */
    interface Outbox {
        void send(RunMessage run);

        /** Asks for a task sent ahead back; the worker answers only if it had not started it. */
        void recall(int taskId);
    }

    private final Outbox outbox;
    private WorkerId id;
    /** Whether the worker answered its hello; until then it takes no tasks. */
    private boolean ready;
    /** False once the worker is retiring, told to leave or gone: it is no longer counted among the pool's workers. */
    private boolean active = true;
    /** True once the pool killed the worker on purpose or it exited: nothing more is handed to it or asked of it. */
    private boolean condemned;
    /** Tasks sent and not yet answered, a slice per message, in the order the worker runs them. */
    private final ArrayDeque<Slice> inFlight = new ArrayDeque<>();
    /** How many tasks {@link #inFlight} holds. */
    private int inFlightCount;
    /** Whether the oldest open task has been counted as begun (its attempt, its event). */
    private boolean headStarted;
    /** When the oldest open task began, by {@link System#nanoTime()}. */
    private long headStartNanos;
    /** The id of a task sent ahead that the pool asked back and has not heard about yet; -1 when none. */
    private int recallingTaskId = -1;
    /**
     * The worker's slot number, 1 to the pool's size, GNU parallel's {@code {%}}; sent with every RUN message, so a
     * renumbering after a shrink reaches the tasks handed out from then on. Chosen by {@link SlotNumbers}.
     */
    private int number = 1;
    private int tasksAssigned;
    private int tasksDone;
    private final Set<Integer> definedFunctions = new HashSet<>();

    WorkerSlot(WorkerId id, Outbox outbox) {
        this.id = id;
        this.outbox = outbox;
    }

    WorkerId id() {
        return id;
    }

    /** The worker answered: it now takes tasks, known by the id it gave. */
    void markReady(WorkerId answeredAs) {
        this.id = answeredAs;
        this.ready = true;
    }

    boolean isReady() {
        return ready;
    }

    int number() {
        return number;
    }

    void number(int slotNumber) {
        this.number = slotNumber;
    }

    void deactivate() {
        active = false;
    }

    /** Retiring, told to leave or gone workers are not: they take no new tasks and do not count towards the size. */
    boolean isActive() {
        return active;
    }

    void condemn() {
        condemned = true;
    }

    boolean isCondemned() {
        return condemned;
    }

    boolean isEmpty() {
        return inFlight.isEmpty();
    }

    /** Tasks held, sent and not answered. */
    int taskCount() {
        return inFlightCount;
    }

    /** The slices sent and not yet answered, oldest first; a copy. */
    List<Slice> inFlight() {
        return List.copyOf(inFlight);
    }

    /** The oldest open slice, whose head task is running or about to; null when the slot is empty. */
    Slice head() {
        return inFlight.peekFirst();
    }

    /** The task waiting behind the running one, if exactly one waits there alone: a recall can take it back. */
    Slice waitingAlone() {
        Slice last = inFlight.peekLast();
        return inFlight.size() >= 2 && last.remaining() == 1 ? last : null;
    }

    int tasksAssigned() {
        return tasksAssigned;
    }

    int tasksDone() {
        return tasksDone;
    }

    /** @return true if the worker has not been given this function's definition yet (and now counts as given it) */
    boolean defines(int functionId) {
        return definedFunctions.add(functionId);
    }

    boolean hasDefined(int functionId) {
        return definedFunctions.contains(functionId);
    }

    /** Hands the worker a sent slice. @return whether it held nothing before */
    boolean assign(Slice sent) {
        boolean wasEmpty = inFlight.isEmpty();
        inFlight.add(sent);
        inFlightCount += sent.remaining();
        tasksAssigned += sent.remaining();
        outbox.send(sent.message);
        return wasEmpty;
    }

    /**
     * The oldest open task the worker answers about: workers answer in order.
     *
     * @throws IllegalStateException if {@code taskId} is not that task; the worker is then killed and its tasks
     *                               retried or failed, not lost
     */
    Slice expectHead(int taskId) {
        Slice head = inFlight.peekFirst();
        if (head == null || head.nextId != taskId) {
            throw new IllegalStateException("worker " + id + " answered task " + taskId + " out of order");
        }
        return head;
    }

    /** The worker is done with the first {@code count} tasks of its oldest open slice. */
    void complete(Slice head, int count) {
        if (recallingTaskId >= head.nextId && recallingTaskId < head.nextId + count) {
            // It began before the recall reached the worker, which then ignores it.
            recallingTaskId = -1;
        }
        head.next += count;
        head.nextId += count;
        if (head.remaining() == 0) {
            inFlight.pollFirst();
        }
        inFlightCount -= count;
        tasksDone += count;
        headStarted = false;
    }

    /** Asks for the task sent ahead back, unless one is already being asked for. @return true if asked */
    boolean recall(Slice waiting) {
        if (recallingTaskId >= 0) {
            return false;
        }
        recallingTaskId = waiting.nextId;
        outbox.recall(waiting.nextId);
        return true;
    }

    boolean isRecalling() {
        return recallingTaskId >= 0;
    }

    /** Whether the task asked back is the oldest open one, which the worker may or may not have begun. */
    boolean isRecallingHead() {
        Slice head = inFlight.peekFirst();
        return recallingTaskId >= 0 && head != null && head.nextId == recallingTaskId;
    }

    /**
     * The worker gave back the task {@code taskId} unstarted.
     *
     * @return the tasks to queue again, or null if the slot no longer holds it
     */
    TakenBack takeBack(int taskId) {
        recallingTaskId = -1;
        Slice given = null;
        for (Slice slice : inFlight) {
            if (slice.nextId == taskId && slice.remaining() == 1) {
                given = slice;
            }
        }
        if (given == null) {
            return null;
        }
        boolean wasHead = given == inFlight.peekFirst();
        inFlight.remove(given);
        inFlightCount -= 1;
        tasksAssigned -= 1;
        if (wasHead) {
            // It had been counted as begun when the task before it ended; the next one (if any) is.
            headStarted = false;
        }
        return new TakenBack(new Slice(given.submission, given.next, given.end), wasHead);
    }

    /** A task given back: the slice to queue again, and whether it was the head (the next one now begins). */
    record TakenBack(Slice slice, boolean wasHead) {
    }

    /**
     * Empties the slot of a worker that is gone: the task it was running (if it had answered its hello and held
     * one), and the tasks that never started, in their order.
     */
    Drained drain() {
        Slice running = null;
        if (ready && !inFlight.isEmpty()) {
            Slice head = inFlight.peekFirst();
            running = new Slice(head.submission, head.next, head.next + 1);
            head.next++;
            if (head.remaining() == 0) {
                inFlight.pollFirst();
            }
        }
        List<Slice> neverStarted = new ArrayList<>(inFlight);
        inFlight.clear();
        inFlightCount = 0;
        headStarted = false;
        return new Drained(running, neverStarted);
    }

    /** What a gone worker held: the task it ran (null if none) and the ones it never started. */
    record Drained(Slice running, List<Slice> neverStarted) {
    }

    /** @return true if the head had not been counted as begun before (and now is) */
    boolean markHeadStarted() {
        if (inFlight.isEmpty() || headStarted) {
            return false;
        }
        headStarted = true;
        return true;
    }

    boolean isHeadStarted() {
        return headStarted;
    }

    void setHeadStartNanos(long now) {
        headStartNanos = now;
    }

    long headStartNanos() {
        return headStartNanos;
    }
}
