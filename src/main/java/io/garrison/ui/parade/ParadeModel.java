package io.garrison.ui.parade;

import io.garrison.engine.PoolEvent;
import io.garrison.engine.PoolSnapshot;
import io.garrison.engine.PoolState;
import io.garrison.engine.WorkerId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The view model of the parade ground: turns engine events into soldiers and the steps they are seen taking.
 *
 * <p>A square takes a millisecond; a person needs a few hundred to see it. So each soldier plays its steps
 * (to the queue, working, delivering) one after the other, each for at least a short while, and a burst of
 * many tasks in one frame is summed up into one bundle instead of lagging further and further behind. The
 * counts (tray, queue) are never delayed: only the soldiers' gestures are.
 *
 * <p>The picture trails the engine, never contradicts it. Each soldier keeps what its worker really does (the
 * tasks it began and has not finished, whether it exited), from the events as they come; a soldier is seen at
 * work only while its worker runs a task. A step that has waited {@link #CATCH_UP_MS} to be shown is skipped, with
 * those before it, so no event waits much longer for its first frame ({@link #lag()} measures it). At the moments
 * the engine is asked for its own state ({@link #reconcile}), what the events missed is mended.
 *
 * <p>Threading: FX thread only; {@link #apply} and {@link #tick} take the time so tests can drive the clock.
 */
public final class ParadeModel {

    static final long FETCH_MS = 250;
    static final long DELIVER_MS = 250;
    static final long FAILED_MS = 900;
    /** Even a task of a millisecond is seen worked on for a moment. */
    static final long WORK_MS = 120;
    static final long DEAD_MS = 1800;
    /** At most this much slower are the steps of an idle soldier of a paced pool (see {@link #relaxed}). */
    static final long RELAXED_FACTOR = 2;
    /** More pending steps than this and the soldier skips ahead to its latest ones. */
    static final int MAX_PENDING = 6;
    /**
     * At most this many soldiers are seen changing in one frame. Each change restyles a soldier and redraws the
     * cached bitmaps of its body, arms and words, and sends a card flying: a whole pool of 64 changing in one
     * frame (the first tasks of a run, the last steps at its end) took 50-75 ms to render in software.
     */
    static final int MAX_CHANGES_PER_FRAME = 16;
    /**
     * Ticks closer together than this share one frame's changes: the app ticks twice a frame, once with the
     * frame's events and once for the animation, each with its own reading of the clock, and on a busy machine
     * the thread can be held up between the two (the first frames of the stress demo then showed 32 changes).
     * Just under a frame at 60 Hz, so the next frame always gets its own share.
     */
    static final long SAME_FRAME_MS = 15;
    /**
     * A step that has waited this long to be shown is shown at once, the ones before it skipped (their cards land
     * in the tray): the picture stays within a second of the engine however fast the events come.
     */
    static final long CATCH_UP_MS = 600;
    /**
     * A task's walk to the queue and its work on screen take at most this long together when a paced pool's steps
     * are stretched, so its delivery is shown before {@link #CATCH_UP_MS} would cut in.
     */
    static final long SHOW_BUDGET_MS = 550;
    /**
     * A reconciliation leaves alone a soldier whose worker had news this recently before the engine was asked:
     * that news may still be on its way to the window.
     */
    public static final long RECONCILE_QUIET_MS = 500;
    /** Cards kept on each side of the tray. */
    public static final int TRAY_CARDS = 14;

    private final ObservableList<Soldier> soldiers = FXCollections.observableArrayList();
    /** By host and PID: two hosts may each have a worker with the same PID. */
    private final Map<WorkerId, Soldier> byId = new HashMap<>();
    private final ObservableList<String> succeededCards = FXCollections.observableArrayList();
    private final ObservableList<String> failedCards = FXCollections.observableArrayList();
    private final IntegerProperty succeededShown = new SimpleIntegerProperty(this, "succeededShown");
    private final IntegerProperty failedShown = new SimpleIntegerProperty(this, "failedShown");
    private final ObjectProperty<PoolState> poolState = new SimpleObjectProperty<>(this, "poolState");
    private final BooleanProperty terminateCalled = new SimpleBooleanProperty(this, "terminateCalled");
    private final PictureLag lag = new PictureLag();
    /** Soldiers whose worker died, oldest first, until a new worker takes each one's place. */
    private final ArrayDeque<Soldier> vacancies = new ArrayDeque<>();
    private final IntegerProperty targetSize = new SimpleIntegerProperty(this, "targetSize");
    private final LongProperty workDwellMs = new SimpleLongProperty(this, "workDwellMs", WORK_MS);
    private final LongProperty walkMs = new SimpleLongProperty(this, "walkMs", FETCH_MS);
    private boolean paced;
    private long frameOpenedMs = -SAME_FRAME_MS;
    private int changesLeft;
    // Where the next frame starts looking: at the first soldier the last frame had no room for, so a busy head
    // of the line cannot keep the soldiers behind it waiting frame after frame.
    private int firstInLine;
    private final ArrayDeque<StateChange> stateChanges = new ArrayDeque<>();

    /**
     * One step a soldier is seen taking (public for the queue picture: {@link #pendingFetches()}).
     *
     * @param arrivedMs when its event reached the window
     * @param eventMs   the engine's stamp of the (oldest) event it first shows, for {@link #lag()}; -1 for a step that
     *                  shows no event of its own (working, after the walk that showed the start)
     */
    public record Phase(SoldierState state, String card, int bundle, long minMs, boolean retry, long arrivedMs,
                 List<String> landing, long eventMs) {

        Phase(SoldierState state, String card, int bundle, long minMs, boolean retry, long arrivedMs) {
            this(state, card, bundle, minMs, retry, arrivedMs, List.of(card), -1);
        }

        Phase(SoldierState state, String card, int bundle, long minMs, boolean retry, long arrivedMs,
              List<String> landing) {
            this(state, card, bundle, minMs, retry, arrivedMs, landing, -1);
        }

        Phase showing(long stampMs) {
            return new Phase(state, card, bundle, minMs, retry, arrivedMs, landing, stampMs);
        }

        Phase lasting(long ms) {
            return new Phase(state, card, bundle, ms, retry, arrivedMs, landing, eventMs);
        }
    }

    /** A change of the pool's state, held until the picture has caught up with what came before it. */
    private record StateChange(PoolState state, int targetSize, boolean terminateCalled, long arrivedMs,
                               long eventMs) {
    }

    /** Cards (the latest few) and counts on their way to the tray. */
    private static final class Landing {
        final List<String> ok = new ArrayList<>();
        final List<String> bad = new ArrayList<>();
        int okCount;
        int badCount;

        boolean isEmpty() {
            return okCount == 0 && badCount == 0;
        }
    }

    /** Applies a batch of events (one frame's worth) at time {@code nowMs}. */
    public void apply(List<PoolEvent> batch, long nowMs) {
        Map<WorkerId, List<Phase>> steps = new LinkedHashMap<>();
        Landing landing = new Landing();
        for (PoolEvent event : batch) {
            if (event instanceof PoolEvent.WorkerStarted e) {
                WorkerId id = new WorkerId(e.host(), e.pid());
                Soldier soldier = new Soldier(id, nowMs);
                soldier.phase = new Phase(SoldierState.IDLE, "", 1, 0, false, nowMs);
                soldier.phaseSinceMs = nowMs;
                soldier.startedStampMs = e.timestampMs();
                soldier.setReplaces(vacancyOn(e.host()));
                byId.put(id, soldier);
                soldiers.add(soldier);
                lag.shown(e.timestampMs(), nowMs, "a soldier joining");
            } else if (event instanceof PoolEvent.WorkerExited e) {
                SoldierState end = e.expected() ? SoldierState.LEAVING : SoldierState.DEAD;
                WorkerId id = new WorkerId(e.host(), e.pid());
                Soldier soldier = byId.get(id);
                if (soldier != null && !soldier.exited) {
                    soldier.exited = true;
                    soldier.running.clear();
                    if (!e.expected()) {
                        vacancies.add(soldier);
                    }
                }
                step(steps, id).add(new Phase(end, "", 1, DEAD_MS, false, nowMs).showing(e.timestampMs()));
            } else if (event instanceof PoolEvent.TaskStarted e) {
                WorkerId id = new WorkerId(e.host(), e.pid());
                begin(e.task(), id, e.timestampMs());
                List<Phase> list = step(steps, id);
                list.add(new Phase(SoldierState.FETCHING, e.input(), 1, walkMs.get(), false, nowMs)
                        .showing(e.timestampMs()));
                list.add(new Phase(SoldierState.WORKING, e.input(), 1, workDwellMs.get(), false, nowMs));
            } else if (event instanceof PoolEvent.TaskProgress e) {
                Soldier soldier = runnerOf(e.task(), e.pid());
                if (soldier != null && e.total() > 0) {
                    soldier.setProgress(Math.min(1.0, (double) e.done() / e.total()));
                }
            } else if (event instanceof PoolEvent.TaskSucceeded e) {
                String card = e.input() + " \u2192 " + e.result();
                WorkerId id = new WorkerId(e.host(), e.pid());
                Soldier soldier = end(e.task(), id);
                if (soldier != null) {
                    soldier.addDone(1);
                    step(steps, id).add(new Phase(SoldierState.DELIVERING, card, 1, walkMs.get(), false, nowMs)
                            .showing(e.timestampMs()));
                } else {
                    landing.ok.add(card);
                    landing.okCount++;
                    lag.shown(e.timestampMs(), nowMs, "the tray");
                }
            } else if (event instanceof PoolEvent.TaskFailed e) {
                WorkerId id = new WorkerId(e.host(), e.pid());
                Soldier soldier = end(e.task(), id);
                if (soldier != null) {
                    soldier.addFailed(1);
                    step(steps, id).add(new Phase(SoldierState.FAILED, e.input(), 1, FAILED_MS, e.willRetry(),
                            nowMs).showing(e.timestampMs()));
                } else if (!e.willRetry()) {
                    // An invalid line (or a task of a worker never seen) goes straight to the tray.
                    landing.bad.add(e.input());
                    landing.badCount++;
                    lag.shown(e.timestampMs(), nowMs, "the tray");
                }
            } else if (event instanceof PoolEvent.PoolStateChanged e) {
                stateChanges.add(new StateChange(e.state(), e.targetSize(), e.terminateCalled(), nowMs,
                        e.timestampMs()));
            }
        }
        steps.forEach((id, list) -> {
            Soldier soldier = byId.get(id);
            if (soldier == null) {
                return;
            }
            // News of a worker after its exit (its last task's retry, say) lands now: it cannot wait behind the
            // soldier's fall, which takes as long as a fall takes.
            int exit = isSeenGoing(soldier) ? 0 : firstGone(list) + 1;
            for (Phase late : list.subList(Math.min(exit, list.size()), list.size())) {
                skip(late, landing, nowMs);
            }
            List<Phase> shown = list.subList(0, Math.min(exit, list.size()));
            if (!shown.isEmpty()) {
                List<Phase> summary = summarise(shown);
                soldier.pending.addAll(paced && soldier.pending.isEmpty() && isIdle(soldier) ? relaxed(summary) : summary);
                if (soldier.pending.size() > MAX_PENDING) {
                    // Skipped steps land at once. The line is cut where the step after the soldier's present one
                    // begins (working after fetching, delivering after working, then fetching): a frame's events
                    // for a soldier are as many steps as those cut, so a cut by count alone always left the same
                    // kind of step first, and in the stress demo every soldier was seen delivering all run long.
                    SoldierState next = stepAfter(soldier.phase.state());
                    while (soldier.pending.size() > MAX_PENDING
                            || soldier.pending.size() > 1 && soldier.pending.peekFirst().state() != next) {
                        skip(soldier.pending.pollFirst(), landing, nowMs);
                    }
                }
            }
        });
        land(landing);
        tick(nowMs);
    }

    /** The worker {@code id} began {@code task}: no other worker runs it now (one that had it gave it back). */
    private void begin(int task, WorkerId id, long stampMs) {
        for (Soldier other : soldiers) {
            if (!other.getId().equals(id)) {
                other.running.remove(task);
            }
        }
        Soldier soldier = byId.get(id);
        if (soldier != null && !soldier.exited) {
            soldier.running.put(task, stampMs);
        }
    }

    /**
     * The soldier whose worker {@code pid} runs {@code task}, or null: progress names no host, and a task runs on
     * one worker at a time, so the task tells which of the workers with that PID is meant.
     */
    private Soldier runnerOf(int task, long pid) {
        for (Soldier soldier : soldiers) {
            if (soldier.getPid() == pid && soldier.running.containsKey(task)) {
                return soldier;
            }
        }
        return null;
    }

    /** The oldest fallen soldier of {@code host} still waiting for a replacement, taken off the list; or null. */
    private Soldier vacancyOn(String host) {
        for (var it = vacancies.iterator(); it.hasNext(); ) {
            Soldier fallen = it.next();
            // A host's workers are replaced on that host: a replacement stands where one of its own fell.
            if (fallen.getHost().equals(host)) {
                it.remove();
                return fallen;
            }
        }
        return null;
    }

    /** {@code task} ended on the worker {@code id}. @return that worker's soldier, or null if there is none */
    private Soldier end(int task, WorkerId id) {
        Soldier soldier = byId.get(id);
        if (soldier == null || soldier.running.remove(task) == null) {
            for (Soldier other : soldiers) {
                other.running.remove(task);
            }
        }
        return soldier;
    }

    /** A step is skipped: it lands in the tray now, and the frame that shows the tray shows its event. */
    private void skip(Phase phase, Landing landing, long nowMs) {
        land(phase, landing);
        lag.shown(phase.eventMs(), nowMs, phase.state());
    }

    /** Where the first step of leaving or falling is in {@code steps}; past the end when there is none. */
    private static int firstGone(List<Phase> steps) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).state().isGone()) {
                return i;
            }
        }
        return steps.size();
    }

    /** Whether the soldier is seen leaving or falling, or will be once its steps are shown. */
    private static boolean isSeenGoing(Soldier soldier) {
        if (soldier.phase.state().isGone()) {
            return true;
        }
        for (Phase phase : soldier.pending) {
            if (phase.state().isGone()) {
                return true;
            }
        }
        return false;
    }

    /** What a soldier who keeps up is seen doing after {@code state}: fetch, work, deliver, fetch again. */
    private static SoldierState stepAfter(SoldierState state) {
        return switch (state) {
            case FETCHING -> SoldierState.WORKING;
            case WORKING -> SoldierState.DELIVERING;
            default -> SoldierState.FETCHING;
        };
    }

    private static boolean isIdle(Soldier soldier) {
        return soldier.phase.state() == SoldierState.IDLE;
    }

    /**
     * A paced pool hands tasks out in turn, so a soldier with nothing else to do may take its steps more slowly:
     * with five soldiers and a pace of 800 ms, each gets a task every four seconds, and stretching its steps lets
     * the class see several at work at once. A soldier that already has steps waiting keeps the short ones.
     */
    private List<Phase> relaxed(List<Phase> steps) {
        long live = soldiers.stream().filter(s -> !s.getState().isGone()).count();
        double fits = SHOW_BUDGET_MS / (double) Math.max(1, walkMs.get() + workDwellMs.get());
        double factor = Math.min(fits, Math.min(RELAXED_FACTOR, live - 1));
        if (factor <= 1) {
            return steps;
        }
        List<Phase> out = new ArrayList<>(steps.size());
        for (Phase p : steps) {
            boolean stretch = p.state() == SoldierState.FETCHING || p.state() == SoldierState.WORKING
                    || p.state() == SoldierState.DELIVERING;
            out.add(stretch ? p.lasting(Math.round(p.minMs() * factor)) : p);
        }
        return out;
    }

    /** A delivery or a final failure that was shown (or skipped) reaches the tray. */
    private static void land(Phase phase, Landing landing) {
        if (phase.state() == SoldierState.DELIVERING) {
            landing.ok.addAll(phase.landing());
            landing.okCount += phase.bundle();
        } else if (phase.state() == SoldierState.FAILED && !phase.retry()) {
            landing.bad.addAll(phase.landing());
            landing.badCount += phase.bundle();
        }
    }

    private void land(Landing landing) {
        if (landing.isEmpty()) {
            return;
        }
        addCards(succeededCards, landing.ok);
        addCards(failedCards, landing.bad);
        succeededShown.set(succeededShown.get() + landing.okCount);
        failedShown.set(failedShown.get() + landing.badCount);
    }

    /**
     * A burst of more than two tasks for one soldier in one frame becomes one bundle: to the queue for all of
     * them, deliver them all, then whatever the soldier ended doing.
     */
    static List<Phase> summarise(List<Phase> steps) {
        long starts = steps.stream().filter(p -> p.state() == SoldierState.FETCHING).count();
        if (starts <= 2) {
            return steps;
        }
        List<Phase> out = new ArrayList<>();
        Phase firstFetch = steps.stream().filter(p -> p.state() == SoldierState.FETCHING).findFirst().orElseThrow();
        out.add(new Phase(SoldierState.FETCHING, firstFetch.card(), (int) starts, firstFetch.minMs(), false,
                firstFetch.arrivedMs()).showing(oldestEvent(steps, SoldierState.FETCHING)));
        int delivered = (int) steps.stream().filter(p -> p.state() == SoldierState.DELIVERING).count();
        if (delivered > 0) {
            Phase lastDelivered = null;
            for (Phase p : steps) {
                if (p.state() == SoldierState.DELIVERING) {
                    lastDelivered = p;
                }
            }
            out.add(new Phase(SoldierState.DELIVERING, lastDelivered.card(), delivered, lastDelivered.minMs(), false,
                    lastDelivered.arrivedMs(), latestCards(steps, SoldierState.DELIVERING),
                    oldestEvent(steps, SoldierState.DELIVERING)));
        }
        List<Phase> failures = steps.stream().filter(p -> p.state() == SoldierState.FAILED).toList();
        if (!failures.isEmpty()) {
            Phase last = failures.get(failures.size() - 1);
            out.add(new Phase(SoldierState.FAILED, last.card(), failures.size(), FAILED_MS, last.retry(), last.arrivedMs(),
                    failures.stream().filter(p -> !p.retry()).map(Phase::card).toList(),
                    oldestEvent(steps, SoldierState.FAILED)));
        }
        Phase end = steps.get(steps.size() - 1);
        if (end.state() == SoldierState.WORKING || end.state().isGone()) {
            out.add(end);
        }
        return out;
    }

    /** The stamp of the oldest event among the steps in {@code state}: a bundle is as late as its oldest card. */
    private static long oldestEvent(List<Phase> steps, SoldierState state) {
        long oldest = Long.MAX_VALUE;
        for (Phase p : steps) {
            if (p.state() == state && p.eventMs() >= 0) {
                oldest = Math.min(oldest, p.eventMs());
            }
        }
        return oldest == Long.MAX_VALUE ? -1 : oldest;
    }

    /** The cards of a burst's steps in one state, the latest {@link #TRAY_CARDS} of them (the tray shows no more). */
    private static List<String> latestCards(List<Phase> steps, SoldierState state) {
        List<String> cards = steps.stream().filter(p -> p.state() == state).map(Phase::card).toList();
        return cards.size() > TRAY_CARDS ? cards.subList(cards.size() - TRAY_CARDS, cards.size()) : cards;
    }

    /**
     * Moves every soldier on through the steps whose time is up. A step starts when the one before it was
     * due to end (not at the frame that noticed), so a slow frame rate does not make the picture drift behind.
     * At most {@link #MAX_CHANGES_PER_FRAME} soldiers change in one frame; the others move on in the next ones,
     * unless one has a step waiting {@link #CATCH_UP_MS}: it catches up at once.
     */
    public void tick(long nowMs) {
        if (nowMs < frameOpenedMs || nowMs - frameOpenedMs >= SAME_FRAME_MS) {
            frameOpenedMs = nowMs;
            changesLeft = MAX_CHANGES_PER_FRAME;
        }
        Landing landing = new Landing();
        List<Soldier> gone = new ArrayList<>();
        int count = soldiers.size();
        int start = firstInLine < count ? firstInLine : 0;
        int deferred = -1;
        for (int i = 0; i < count; i++) {
            int at = (start + i) % count;
            Soldier soldier = soldiers.get(at);
            Phase current = soldier.phase;
            long since = soldier.phaseSinceMs;
            boolean moved = false;
            if (isFallingBehind(soldier, nowMs)) {
                // Skipped steps land at once; the soldier is seen where its news has got to.
                land(current, landing);
                while (soldier.pending.size() > 1) {
                    skip(soldier.pending.pollFirst(), landing, nowMs);
                }
                current = soldier.pending.pollFirst();
                lag.shown(current.eventMs(), nowMs, current.state());
                // Timed from its news, like any step: a step whose news is old is over sooner.
                since = Math.min(nowMs, current.arrivedMs());
                moved = true;
            } else if (changesLeft == 0 && isDueToMove(soldier, nowMs)) {
                // Its step began when the one before was due, so showing it a frame late does not make it drift.
                if (deferred < 0) {
                    deferred = at;
                }
                continue;
            }
            // Walk through every step whose time is up, but show only where the soldier ends: each shown
            // change costs styling, and a step that was over before this frame would not be seen anyway.
            while (true) {
                long due = since + current.minMs();
                if (nowMs < due) {
                    break;
                }
                if (current.state().isGone()) {
                    break;
                }
                Phase next = soldier.pending.pollFirst();
                if (next == null && (isTransient(current.state()) || isWorkingOnNothing(soldier, current))) {
                    next = new Phase(SoldierState.IDLE, "", 1, 0, false, due);
                }
                if (next == null) {
                    break;
                }
                // A step starts when the one before was due to end, or when its event came if that was later:
                // never at whichever frame happened to notice.
                since = Math.max(due, next.arrivedMs());
                // A card reaches the tray when its soldier has finished carrying it there.
                land(current, landing);
                lag.shown(next.eventMs(), nowMs, next.state());
                current = next;
                moved = true;
            }
            if (current.state().isGone() && nowMs >= since + current.minMs()) {
                soldier.pending.forEach(phase -> skip(phase, landing, nowMs));
                soldier.pending.clear();
                gone.add(soldier);
                byId.remove(soldier.getId());
            } else if (moved) {
                changesLeft = Math.max(0, changesLeft - 1);
                enter(soldier, current, since);
            }
        }
        if (deferred >= 0) {
            // Counted before the gone are removed: the line moves up by those that left ahead of it.
            int leftAhead = 0;
            for (Soldier soldier : gone) {
                leftAhead += soldiers.indexOf(soldier) < deferred ? 1 : 0;
            }
            firstInLine = deferred - leftAhead;
        }
        if (!gone.isEmpty()) {
            soldiers.removeAll(gone);
            vacancies.removeIf(gone::contains);
        }
        land(landing);
        showStateChanges(nowMs);
    }

    /** Whether the soldier has a step that has waited {@link #CATCH_UP_MS} to be shown. */
    private static boolean isFallingBehind(Soldier soldier, long nowMs) {
        Phase waiting = soldier.pending.peekFirst();
        return waiting != null && nowMs - waiting.arrivedMs() >= CATCH_UP_MS && !soldier.phase.state().isGone();
    }

    /**
     * Whether the soldier is seen working while its worker runs nothing and no news is waiting: a task handed back
     * unstarted, or news the window never got. Its work step ends like a walk does.
     */
    private static boolean isWorkingOnNothing(Soldier soldier, Phase current) {
        return current.state() == SoldierState.WORKING && soldier.running.isEmpty() && soldier.pending.isEmpty();
    }

    /**
     * The badge tells the pool's state as the picture reaches it: a change shows once every soldier has begun
     * the steps that came before it, so a class never reads "terminated" over soldiers still seen at work.
     */
    private void showStateChanges(long nowMs) {
        while (!stateChanges.isEmpty()) {
            StateChange change = stateChanges.peekFirst();
            for (Soldier soldier : soldiers) {
                Phase waiting = soldier.pending.peekFirst();
                if (waiting != null && waiting.arrivedMs() <= change.arrivedMs()) {
                    return;
                }
            }
            stateChanges.pollFirst();
            terminateCalled.set(change.terminateCalled());
            poolState.set(change.state());
            targetSize.set(change.targetSize());
            lag.shown(change.eventMs(), nowMs, "the badge");
        }
    }

    /**
     * Whether the picture has reached the engine and stays as it is until the next event: no step waiting, none that
     * ends by itself (a walk, a fall), no badge change held.
     */
    public boolean isSettled() {
        if (!stateChanges.isEmpty()) {
            return false;
        }
        for (Soldier soldier : soldiers) {
            SoldierState state = soldier.phase.state();
            if (!soldier.pending.isEmpty() || isTransient(state) || state.isGone()
                    || isWorkingOnNothing(soldier, soldier.phase)) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@link #tick} would show the soldier taking another step now (not counting its leaving). */
    private static boolean isDueToMove(Soldier soldier, long nowMs) {
        Phase current = soldier.phase;
        return nowMs >= soldier.phaseSinceMs + current.minMs() && !current.state().isGone()
                && (!soldier.pending.isEmpty() || isTransient(current.state()) || isWorkingOnNothing(soldier, current));
    }

    private static boolean isTransient(SoldierState state) {
        return state == SoldierState.FETCHING || state == SoldierState.DELIVERING || state == SoldierState.FAILED;
    }

    private static void enter(Soldier soldier, Phase phase, long nowMs) {
        soldier.phase = phase;
        soldier.phaseSinceMs = nowMs;
        soldier.retryShown = phase.retry();
        if (phase.state() == SoldierState.WORKING || phase.state() == SoldierState.FETCHING) {
            soldier.setProgress(-1);
        }
        soldier.setCard(phase.card());
        soldier.setBundle(phase.bundle());
        soldier.setState(phase.state());
    }

    private static void addCards(ObservableList<String> cards, List<String> fresh) {
        if (fresh.isEmpty()) {
            return;
        }
        List<String> latest = fresh.size() > TRAY_CARDS ? fresh.subList(fresh.size() - TRAY_CARDS, fresh.size()) : fresh;
        cards.addAll(0, reversed(latest));
        if (cards.size() > TRAY_CARDS) {
            cards.remove(TRAY_CARDS, cards.size());
        }
    }

    private static List<String> reversed(List<String> list) {
        List<String> copy = new ArrayList<>(list);
        Collections.reverse(copy);
        return copy;
    }

    private static List<Phase> step(Map<WorkerId, List<Phase>> steps, WorkerId id) {
        return steps.computeIfAbsent(id, k -> new ArrayList<>());
    }

    /**
     * Tasks the engine has handed out but no soldier has yet been seen to fetch, oldest first: the picture's
     * queue still shows them, so a card never vanishes between the queue and a soldier.
     */
    public List<Phase> pendingFetches() {
        List<Phase> fetches = new ArrayList<>();
        for (Soldier soldier : soldiers) {
            for (Phase phase : soldier.pending) {
                if (phase.state() == SoldierState.FETCHING) {
                    fetches.add(phase);
                }
            }
        }
        fetches.sort(Comparator.comparingLong(Phase::arrivedMs));
        return fetches;
    }

    /**
     * A pool reports its state only when it changes one, so the window that started it says it is running with
     * {@code targetSize} workers; the badge shows it in turn with the events that came before.
     */
    public void poolStarted(int targetSize, long nowMs) {
        stateChanges.add(new StateChange(PoolState.RUNNING, targetSize, false, nowMs, -1));
        showStateChanges(nowMs);
    }

    /**
     * Mends the picture with the engine's own state, taken after the events it had sent: a soldier whose worker
     * the engine no longer has leaves (or falls, if the pool still runs), and tasks the engine says a worker is not
     * running end. A soldier with news just before the snapshot is left alone: its news may still be on its way.
     *
     * @return how many soldiers were mended
     */
    public int reconcile(PoolSnapshot snapshot, long nowMs) {
        Map<WorkerId, Boolean> runningById = new HashMap<>();
        for (PoolSnapshot.WorkerSnapshot worker : snapshot.workers()) {
            runningById.put(worker.id(), worker.running());
        }
        int mended = 0;
        for (Soldier soldier : soldiers) {
            if (soldier.exited || soldier.startedStampMs > snapshot.takenAtMs() - RECONCILE_QUIET_MS
                    || latestNews(soldier) > snapshot.takenAtMs() - RECONCILE_QUIET_MS) {
                continue;
            }
            Boolean running = runningById.get(soldier.getId());
            if (running == null) {
                soldier.exited = true;
                soldier.running.clear();
                SoldierState end = snapshot.state() == PoolState.RUNNING ? SoldierState.DEAD : SoldierState.LEAVING;
                soldier.pending.add(new Phase(end, "", 1, DEAD_MS, false, nowMs));
                mended++;
            } else if (!running && !soldier.running.isEmpty()) {
                soldier.running.clear();
                mended++;
            }
        }
        tick(nowMs);
        return mended;
    }

    /** The engine's stamp of the latest news the soldier's worker sent that the picture holds. */
    private static long latestNews(Soldier soldier) {
        long latest = soldier.startedStampMs;
        for (long stamp : soldier.running.values()) {
            latest = Math.max(latest, stamp);
        }
        return latest;
    }

    /** How far the picture has trailed the engine's events since {@link PictureLag#reset()}. */
    public PictureLag lag() {
        return lag;
    }

    /** Forgets every soldier (a new pool starts). */
    public void clearSoldiers() {
        soldiers.clear();
        byId.clear();
        stateChanges.clear();
        vacancies.clear();
    }

    /** Empties the tray (a new run starts). */
    public void clearTray() {
        succeededCards.clear();
        failedCards.clear();
        succeededShown.set(0);
        failedShown.set(0);
    }

    /** Live and falling soldiers, in the order they joined. */
    public ObservableList<Soldier> soldiers() {
        return soldiers;
    }

    /** The soldier of a worker on this machine, or null. */
    public Soldier soldier(long pid) {
        return soldier(WorkerId.local(pid));
    }

    public Soldier soldier(WorkerId id) {
        return byId.get(id);
    }

    /** Succeeded tasks whose card has reached the tray (a moment after the engine reported them). */
    public IntegerProperty succeededShownProperty() {
        return succeededShown;
    }

    /** Finally failed tasks whose card has reached the tray. */
    public IntegerProperty failedShownProperty() {
        return failedShown;
    }

    /** The latest succeeded tasks, newest first, as "input → result". */
    public ObservableList<String> succeededCards() {
        return succeededCards;
    }

    /** The latest finally failed tasks, newest first. */
    public ObservableList<String> failedCards() {
        return failedCards;
    }

    public ObjectProperty<PoolState> poolStateProperty() {
        return poolState;
    }

    /** With a TERMINATED {@link #poolStateProperty()}: whether terminate() ended it, not close() running its course. */
    public BooleanProperty terminateCalledProperty() {
        return terminateCalled;
    }

    public IntegerProperty targetSizeProperty() {
        return targetSize;
    }

    /** How long a working step stays on screen at least: 0 at full speed, longer when the pool is paced. */
    public LongProperty workDwellMsProperty() {
        return workDwellMs;
    }

    /** How long walking to the queue and to the tray take on screen. */
    public LongProperty walkMsProperty() {
        return walkMs;
    }

    /**
     * Fits the soldiers' steps to the pool's pace: one task's walk, work and delivery take about one pace
     * interval, so the picture keeps up with the engine instead of falling further behind.
     */
    public void fitToPace(long paceMs) {
        paced = paceMs > 0;
        if (paceMs <= 0) {
            walkMs.set(FETCH_MS);
            workDwellMs.set(WORK_MS);
        } else {
            // Slower paces leave soldiers idle longer between tasks, not slower: a task's steps stay within the
            // budget that keeps the picture less than a second behind.
            walkMs.set(Math.max(50, Math.min(FETCH_MS, paceMs / 4)));
            workDwellMs.set(Math.min(SHOW_BUDGET_MS - walkMs.get(), paceMs * 2 / 5));
        }
    }
}
