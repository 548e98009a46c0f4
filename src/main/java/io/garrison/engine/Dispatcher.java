package io.garrison.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Hands queued tasks to workers: the queue, chunking, sending short tasks ahead, pacing and stepping for a class
 * to follow, taking turns, and recalling a task sent ahead when another worker idles. It sees workers only as
 * {@link WorkerSlot}s, so it runs, and is tested, without starting a process.
 *
 * <p>Threading: every field is accessed only under the pool's lock, and every method is called holding it.
 */
final class Dispatcher {

    /** The pool's workers, in start order. */
    interface Roster {
        List<WorkerSlot> slots();
    }

    /**
     * A source whose tasks come in a block at a time as the workers need them (an {@code imap} over an iterator).
     * While one is open, the pool is not out of tasks: a closed pool keeps its workers for what it still brings.
     * Told under the pool's lock; it must not take the pool's lock itself.
     */
    interface Feed {
        /** The pool was closed: it takes the rest of the source, and no caller may be reading any more. */
        void poolClosed();

        /** The pool halted or was terminated: no more of the source is taken. */
        void cut();
    }

    private final Roster roster;
    private final TaskStarts starts;
    private final LongSupplier nanoClock;
    /** 0 means no limit. */
    private final int maxTasksPerWorker;
    /**
     * Whether a slow task may wait in a busy worker. Not under a halt policy: a halt must find every task it
     * stops still in the pool's hands.
     */
    private final boolean sendsSlowTasksAhead;
    private final HostGate gate;
    /** How far past a head task whose host is full the dispatcher looks for one whose host is not. */
    private static final int LOOKAHEAD_TASKS = 4096;

    private final ArrayDeque<Slice> queue = new ArrayDeque<>();
    private final List<Feed> openFeeds = new ArrayList<>();
    private boolean paused;
    /** Set once the pool is terminated: nothing is handed out again. */
    private boolean stopped;
    private long paceNanos;
    private long lastPacedDispatch;
    /** Chunks asked for by {@link #step()} and not yet handed out: no worker was idle when they were asked for. */
    private int stepsOwed;
    private int roundRobin;
    private int nextTaskId;

    Dispatcher(Roster roster, TaskStarts starts, LongSupplier nanoClock, int maxTasksPerWorker,
               boolean sendsSlowTasksAhead) {
        this(roster, starts, nanoClock, maxTasksPerWorker, sendsSlowTasksAhead, new HostGate(0));
    }

    Dispatcher(Roster roster, TaskStarts starts, LongSupplier nanoClock, int maxTasksPerWorker,
               boolean sendsSlowTasksAhead, HostGate gate) {
        this.gate = gate;
        this.roster = roster;
        this.starts = starts;
        this.nanoClock = nanoClock;
        this.maxTasksPerWorker = maxTasksPerWorker;
        this.sendsSlowTasksAhead = sendsSlowTasksAhead;
    }

    /** Queues a submission's tasks behind the ones waiting, and hands out what it can. */
    void enqueue(Submission submission) {
        if (submission.tasks.size() > 0) {
            queue.add(new Slice(submission, 0, submission.tasks.size()));
            dispatch();
        }
    }

    /** Puts tasks back at the front of the queue, to go to the next free worker (a retry, a recalled task). */
    void requeueFirst(Slice slice) {
        queue.addFirst(slice);
    }

    /** Puts tasks a gone worker never started back at the front, in their order and still in their chunks. */
    void requeueFirst(List<Slice> slices) {
        for (int i = slices.size() - 1; i >= 0; i--) {
            Slice slice = slices.get(i);
            queue.addFirst(new Slice(slice.submission, slice.next, slice.end));
        }
    }

    /**
     * Empties the queue and cuts the open feeds, as the pool halts or is terminated: nothing more is handed out,
     * and nothing more comes in. @return the slices the queue held, in order, for the caller to fail
     */
    List<Slice> drainQueue() {
        List<Slice> drained = new ArrayList<>(queue);
        queue.clear();
        for (Feed feed : openFeeds) {
            feed.cut();
        }
        openFeeds.clear();
        return drained;
    }

    /** Whether no task waits in the queue and no open feed may bring more. */
    boolean isOutOfTasks() {
        return queue.isEmpty() && openFeeds.isEmpty();
    }

    void openFeed(Feed feed) {
        openFeeds.add(feed);
    }

    /** Whether the feed may still bring tasks: it neither ended nor was cut. */
    boolean isOpen(Feed feed) {
        return openFeeds.contains(feed);
    }

    /** The feed's source has ended; a feed already cut is left as it is. */
    void closeFeed(Feed feed) {
        openFeeds.remove(feed);
    }

    /** Tells the open feeds that the pool was closed. */
    void poolClosed() {
        for (Feed feed : openFeeds) {
            feed.poolClosed();
        }
    }

    /** Tasks waiting for a worker. */
    int queuedTasks() {
        int total = 0;
        for (Slice slice : queue) {
            total += slice.remaining();
        }
        return total;
    }

    /** Nothing is handed out again (the pool is terminated). */
    void stop() {
        stopped = true;
    }

    /** While paused, nothing new is handed out; a slow task sent ahead is asked back, as it had not been given. */
    void setPaused(boolean pause) {
        paused = pause;
        if (!pause) {
            dispatch();
        } else {
            for (WorkerSlot slot : roster.slots()) {
                recallWaitingTask(slot);
            }
        }
    }

    /** At most one chunk per {@code nanos}; zero is full speed. */
    void setPace(long nanos) {
        paceNanos = nanos;
        dispatch();
    }

    /**
     * Hands out one more chunk, whatever the pause and the pace: to the next idle worker in turn, or, when none
     * idles, to the first that does. A class follows a paused run one chunk at a time this way. Each call is one
     * chunk; calls made while the queue is empty hand out nothing, then or later.
     */
    void step() {
        if (stopped || queue.isEmpty()) {
            return;
        }
        stepsOwed++;
        handOutOwedSteps();
    }

    /** The watchdog's regular call: a paced dispatch, and a paused host, wait for time, not for an event. */
    void tick() {
        if (paceNanos > 0 || gate.hasPauses()) {
            dispatch();
        }
    }

    /** The task's host is in passing trouble: none of its tasks goes out until its pause ends. */
    void setMaxTasksPerHost(int tasks) {
        gate.maxPerHost(tasks);
    }

    /** @return the pause decided, or null when the task has no web host */
    HostGate.Pause pauseHostOf(Submission submission, int position, HostTrouble trouble, int attempts) {
        return gate.pause(HostGate.hostOf(submission, position), trouble, attempts, nanoClock.getAsLong());
    }

    /** Hands out what can be handed out now. */
    void dispatch() {
        if (stopped) {
            return;
        }
        if (stepsOwed > 0) {
            handOutOwedSteps();
        }
        if (paused) {
            return;
        }
        if (queue.isEmpty()) {
            recallForIdleWorkers();
            return;
        }
        if (paceNanos > 0) {
            dispatchPaced();
            return;
        }
        if (HostGate.gates(queue.peekFirst().submission)) {
            dispatchGated();
            return;
        }
        List<WorkerSlot> candidates = activeSlots();
        boolean sentAny = true;
        while (sentAny && !queue.isEmpty()) {
            sentAny = false;
            for (int n = 0; n < candidates.size() && !queue.isEmpty(); n++) {
                WorkerSlot slot = candidates.get((roundRobin + n) % candidates.size());
                int count = tasksFor(slot);
                if (count > 0) {
                    send(slot, count);
                    sentAny = true;
                }
            }
            roundRobin++;
        }
    }

    private void dispatchPaced() {
        long now = nanoClock.getAsLong();
        if (now - lastPacedDispatch < paceNanos) {
            return;
        }
        // Take turns, so that a class watching a paced run sees every soldier work, not the first idle one.
        List<WorkerSlot> candidates = activeSlots();
        for (int n = 0; n < candidates.size(); n++) {
            WorkerSlot slot = candidates.get((roundRobin + n) % candidates.size());
            if (slot.isReady() && slot.isEmpty() && quotaLeft(slot) > 0) {
                if (!sendNext(slot, now)) {
                    // Every queued host waits: the pace's turn comes again at the next tick.
                    return;
                }
                lastPacedDispatch = now;
                roundRobin += n + 1;
                return;
            }
        }
    }

    /**
     * Downloads: each idle worker gets the first queued task whose host has room and is not paused, one at a
     * time; tasks skipped for their host keep their places, so a busy host never holds up the others.
     */
    private void dispatchGated() {
        List<WorkerSlot> candidates = activeSlots();
        long now = nanoClock.getAsLong();
        Map<String, Integer> busy = busyHosts();
        for (int n = 0; n < candidates.size() && !queue.isEmpty(); n++) {
            WorkerSlot slot = candidates.get((roundRobin + n) % candidates.size());
            if (!isIdle(slot)) {
                continue;
            }
            Slice picked = takeAdmitted(busy, now);
            if (picked == null) {
                break;
            }
            String host = HostGate.hostOf(picked.submission, picked.next);
            if (host != null) {
                busy.merge(host, 1, Integer::sum);
            }
            assign(slot, picked.submission, picked.next, 1);
        }
        roundRobin++;
    }

    /** Tasks in workers' hands, by host. */
    private Map<String, Integer> busyHosts() {
        Map<String, Integer> busy = new HashMap<>();
        for (WorkerSlot slot : roster.slots()) {
            for (Slice slice : slot.inFlight()) {
                for (int position = slice.next; position < slice.end; position++) {
                    String host = HostGate.hostOf(slice.submission, position);
                    if (host != null) {
                        busy.merge(host, 1, Integer::sum);
                    }
                }
            }
        }
        return busy;
    }

    /**
     * Takes out of the queue the first task (within {@link #LOOKAHEAD_TASKS}) the gate admits, leaving the
     * tasks before and after it in their order; null when none is admitted now.
     */
    private Slice takeAdmitted(Map<String, Integer> busy, long now) {
        List<Slice> passed = new ArrayList<>();
        Slice found = null;
        int scanned = 0;
        while (found == null && !queue.isEmpty() && scanned < LOOKAHEAD_TASKS
                && HostGate.gates(queue.peekFirst().submission)) {
            Slice slice = queue.pollFirst();
            int position = slice.next;
            for (; position < slice.end && scanned < LOOKAHEAD_TASKS; position++, scanned++) {
                String host = HostGate.hostOf(slice.submission, position);
                if (gate.admits(host, busy.getOrDefault(host, 0), now)) {
                    found = new Slice(slice.submission, position, position + 1);
                    break;
                }
            }
            if (found == null) {
                passed.add(slice);
            } else {
                if (position + 1 < slice.end) {
                    queue.addFirst(new Slice(slice.submission, position + 1, slice.end));
                }
                if (position > slice.next) {
                    passed.add(new Slice(slice.submission, slice.next, position));
                }
            }
        }
        for (int i = passed.size() - 1; i >= 0; i--) {
            queue.addFirst(passed.get(i));
        }
        return found;
    }

    /**
     * Sends {@code slot} the next chunk, or for downloads the next task whose web host admits one now (a paced or
     * stepped run is as polite as any). @return false when no queued task may go now
     */
    private boolean sendNext(WorkerSlot slot, long now) {
        if (!HostGate.gates(queue.peekFirst().submission)) {
            send(slot, queue.peekFirst().chunkFor(quotaLeft(slot)));
            return true;
        }
        Slice picked = takeAdmitted(busyHosts(), now);
        if (picked == null) {
            return false;
        }
        assign(slot, picked.submission, picked.next, 1);
        return true;
    }

    /** The chunks that steps asked for, each to the next idle worker in turn, as far as workers idle. */
    private void handOutOwedSteps() {
        WorkerSlot slot;
        while (stepsOwed > 0 && !queue.isEmpty() && (slot = nextIdleInTurn()) != null) {
            if (!sendNext(slot, nanoClock.getAsLong())) {
                break;
            }
            stepsOwed--;
            // A paced run goes on a full period after a step, not at once.
            lastPacedDispatch = nanoClock.getAsLong();
        }
        if (queue.isEmpty()) {
            // Nothing left to step through: a later submission is not stepped by presses made before it.
            stepsOwed = 0;
        }
    }

    /** The first idle worker from the one whose turn it is, which then passes the turn on; null if none idles. */
    private WorkerSlot nextIdleInTurn() {
        List<WorkerSlot> candidates = activeSlots();
        for (int n = 0; n < candidates.size(); n++) {
            WorkerSlot slot = candidates.get((roundRobin + n) % candidates.size());
            if (isIdle(slot)) {
                roundRobin += n + 1;
                return slot;
            }
        }
        return null;
    }

    /**
     * How many tasks to hand a worker now, 0 when it should wait. An idle worker gets a chunk. Tasks shorter
     * than the round trip through the parent are also sent ahead, so a worker never waits for its next one:
     * it holds about 10 ms of work (or two big chunks) and is refilled half of that at a time, in one message,
     * so that a thousand short commands cost a few hundred messages, not a thousand. Slow tasks are never
     * sent ahead: that would strand work on a busy worker while another one idles.
     */
    private int tasksFor(WorkerSlot slot) {
        Slice head = queue.peekFirst();
        int quota = quotaLeft(slot);
        if (head == null || !slot.isReady() || quota <= 0) {
            return 0;
        }
        int chunk = head.chunkFor(quota);
        int hold = head.submission.function.tasksToHold();
        if (hold <= 1) {
            if (slot.isEmpty()) {
                return chunk;
            }
            // One slow task may wait in a busy worker, so that it starts the moment the one before ends instead
            // of a round trip through the pool later; should another worker idle first, it is recalled.
            return chunk == 1 && slot.taskCount() == 1 && !slot.isRecalling()
                    && sendsSlowTasksAhead && idleWorkers() == 0 ? 1 : 0;
        }
        int target = Math.max(hold, 2 * chunk);
        int batch = Math.max(chunk, target / 2);
        if (!slot.isEmpty() && slot.taskCount() + batch > target) {
            return 0;
        }
        return Math.min(batch, Math.min(head.remaining(), quota));
    }

    private int idleWorkers() {
        int idle = 0;
        for (WorkerSlot slot : roster.slots()) {
            if (isIdle(slot)) {
                idle++;
            }
        }
        return idle;
    }

    private boolean isIdle(WorkerSlot slot) {
        return slot.isReady() && slot.isEmpty() && quotaLeft(slot) > 0 && slot.isActive() && !slot.isCondemned();
    }

    /**
     * With nothing left to hand out, idle workers take over the tasks still waiting behind another worker's
     * running one: each such worker is asked for its waiting task back (one at a time), and the task goes back
     * to the queue if it had not started.
     */
    private void recallForIdleWorkers() {
        int idle = idleWorkers();
        for (WorkerSlot slot : roster.slots()) {
            if (idle == 0) {
                return;
            }
            if (recallWaitingTask(slot)) {
                idle--;
            }
        }
    }

    /** Asks for the slow task waiting behind the worker's running one, if there is one; true if asked. */
    private boolean recallWaitingTask(WorkerSlot slot) {
        Slice waiting = slot.waitingAlone();
        return waiting != null && waiting.submission.function.tasksToHold() <= 1 && !slot.isCondemned()
                && slot.recall(waiting);
    }

    private int quotaLeft(WorkerSlot slot) {
        return maxTasksPerWorker > 0 ? maxTasksPerWorker - slot.tasksAssigned() : Integer.MAX_VALUE;
    }

    private void send(WorkerSlot slot, int count) {
        Slice head = queue.peekFirst();
        Submission submission = head.submission;
        int first = head.next;
        head.next += count;
        if (head.remaining() == 0) {
            queue.pollFirst();
        }
        assign(slot, submission, first, count);
    }

    /** Sends tasks {@code first..first+count} of {@code submission}, already out of the queue, to the worker. */
    private void assign(WorkerSlot slot, Submission submission, int first, int count) {
        boolean defines = slot.defines(submission.function.id);
        Slice sent = new Slice(submission, first, first + count);
        sent.nextId = nextTaskId;
        nextTaskId += count;
        sent.message = new RunMessage(submission, first, count, sent.nextId, slot.number(), defines);
        if (slot.assign(sent)) {
            starts.begin(slot, nanoClock.getAsLong());
        }
    }

    private List<WorkerSlot> activeSlots() {
        List<WorkerSlot> all = roster.slots();
        List<WorkerSlot> active = new ArrayList<>(all.size());
        for (WorkerSlot slot : all) {
            if (slot.isActive()) {
                active.add(slot);
            }
        }
        return active;
    }
}
