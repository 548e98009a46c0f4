package io.garrison.ui.parade;

import io.garrison.engine.PoolEvent;
import io.garrison.engine.PoolState;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
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
    /** Cards kept on each side of the tray. */
    public static final int TRAY_CARDS = 14;

    private final ObservableList<Soldier> soldiers = FXCollections.observableArrayList();
    private final Map<Long, Soldier> byPid = new HashMap<>();
    private final ObservableList<String> succeededCards = FXCollections.observableArrayList();
    private final ObservableList<String> failedCards = FXCollections.observableArrayList();
    private final IntegerProperty succeededShown = new SimpleIntegerProperty(this, "succeededShown");
    private final IntegerProperty failedShown = new SimpleIntegerProperty(this, "failedShown");
    private final ObjectProperty<PoolState> poolState = new SimpleObjectProperty<>(this, "poolState");
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

    /** One step a soldier is seen taking (public for the queue picture: {@link #pendingFetches()}). */
    public record Phase(SoldierState state, String card, int bundle, long minMs, boolean retry, long arrivedMs,
                 List<String> landing) {

        Phase(SoldierState state, String card, int bundle, long minMs, boolean retry, long arrivedMs) {
            this(state, card, bundle, minMs, retry, arrivedMs, List.of(card));
        }
    }

    /** A change of the pool's state, held until the picture has caught up with what came before it. */
    private record StateChange(PoolState state, int targetSize, long arrivedMs) {
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
        Map<Long, List<Phase>> steps = new LinkedHashMap<>();
        Landing landing = new Landing();
        for (PoolEvent event : batch) {
            if (event instanceof PoolEvent.WorkerStarted e) {
                Soldier soldier = new Soldier(e.pid(), nowMs);
                soldier.phase = new Phase(SoldierState.IDLE, "", 1, 0, false, nowMs);
                soldier.phaseSinceMs = nowMs;
                byPid.put(e.pid(), soldier);
                soldiers.add(soldier);
            } else if (event instanceof PoolEvent.WorkerExited e) {
                SoldierState end = e.expected() ? SoldierState.LEAVING : SoldierState.DEAD;
                step(steps, e.pid()).add(new Phase(end, "", 1, DEAD_MS, false, nowMs));
            } else if (event instanceof PoolEvent.TaskStarted e) {
                List<Phase> list = step(steps, e.pid());
                list.add(new Phase(SoldierState.FETCHING, e.input(), 1, walkMs.get(), false, nowMs));
                list.add(new Phase(SoldierState.WORKING, e.input(), 1, workDwellMs.get(), false, nowMs));
            } else if (event instanceof PoolEvent.TaskProgress e) {
                Soldier soldier = byPid.get(e.pid());
                if (soldier != null && e.total() > 0) {
                    soldier.setProgress(Math.min(1.0, (double) e.done() / e.total()));
                }
            } else if (event instanceof PoolEvent.TaskSucceeded e) {
                String card = e.input() + " \u2192 " + e.result();
                Soldier soldier = byPid.get(e.pid());
                if (soldier != null) {
                    soldier.addDone(1);
                    step(steps, e.pid()).add(new Phase(SoldierState.DELIVERING, card, 1, walkMs.get(), false, nowMs));
                } else {
                    landing.ok.add(card);
                    landing.okCount++;
                }
            } else if (event instanceof PoolEvent.TaskFailed e) {
                Soldier soldier = byPid.get(e.pid());
                if (soldier != null) {
                    soldier.addFailed(1);
                    step(steps, e.pid()).add(
                            new Phase(SoldierState.FAILED, e.input(), 1, FAILED_MS, e.willRetry(), nowMs));
                } else if (!e.willRetry()) {
                    // An invalid line (or a task of a worker never seen) goes straight to the tray.
                    landing.bad.add(e.input());
                    landing.badCount++;
                }
            } else if (event instanceof PoolEvent.PoolStateChanged e) {
                stateChanges.add(new StateChange(e.state(), e.targetSize(), nowMs));
            }
        }
        steps.forEach((pid, list) -> {
            Soldier soldier = byPid.get(pid);
            if (soldier != null) {
                List<Phase> summary = summarise(list);
                soldier.pending.addAll(paced && soldier.pending.isEmpty() && isIdle(soldier) ? relaxed(summary) : summary);
                if (soldier.pending.size() > MAX_PENDING) {
                    // Skipped steps land at once. The line is cut where the step after the soldier's present one
                    // begins (working after fetching, delivering after working, then fetching): a frame's events
                    // for a soldier are as many steps as those cut, so a cut by count alone always left the same
                    // kind of step first, and in the stress demo every soldier was seen delivering all run long.
                    SoldierState next = stepAfter(soldier.phase.state());
                    while (soldier.pending.size() > MAX_PENDING
                            || soldier.pending.size() > 1 && soldier.pending.peekFirst().state() != next) {
                        land(soldier.pending.pollFirst(), landing);
                    }
                }
            }
        });
        land(landing);
        tick(nowMs);
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
        long factor = Math.max(1, Math.min(RELAXED_FACTOR, live - 1));
        List<Phase> out = new ArrayList<>(steps.size());
        for (Phase p : steps) {
            boolean stretch = p.state() == SoldierState.FETCHING || p.state() == SoldierState.WORKING
                    || p.state() == SoldierState.DELIVERING;
            out.add(stretch ? new Phase(p.state(), p.card(), p.bundle(), p.minMs() * factor, p.retry(), p.arrivedMs(),
                    p.landing()) : p);
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
                firstFetch.arrivedMs()));
        int delivered = (int) steps.stream().filter(p -> p.state() == SoldierState.DELIVERING).count();
        if (delivered > 0) {
            Phase lastDelivered = null;
            for (Phase p : steps) {
                if (p.state() == SoldierState.DELIVERING) {
                    lastDelivered = p;
                }
            }
            out.add(new Phase(SoldierState.DELIVERING, lastDelivered.card(), delivered, lastDelivered.minMs(), false,
                    lastDelivered.arrivedMs(), latestCards(steps, SoldierState.DELIVERING)));
        }
        List<Phase> failures = steps.stream().filter(p -> p.state() == SoldierState.FAILED).toList();
        if (!failures.isEmpty()) {
            Phase last = failures.get(failures.size() - 1);
            out.add(new Phase(SoldierState.FAILED, last.card(), failures.size(), FAILED_MS, last.retry(), last.arrivedMs(),
                    failures.stream().filter(p -> !p.retry()).map(Phase::card).toList()));
        }
        Phase end = steps.get(steps.size() - 1);
        if (end.state() == SoldierState.WORKING || end.state().isGone()) {
            out.add(end);
        }
        return out;
    }

    /** The cards of a burst's steps in one state, the latest {@link #TRAY_CARDS} of them (the tray shows no more). */
    private static List<String> latestCards(List<Phase> steps, SoldierState state) {
        List<String> cards = steps.stream().filter(p -> p.state() == state).map(Phase::card).toList();
        return cards.size() > TRAY_CARDS ? cards.subList(cards.size() - TRAY_CARDS, cards.size()) : cards;
    }

    /**
     * Moves every soldier on through the steps whose time is up. A step starts when the one before it was
     * due to end (not at the frame that noticed), so a slow frame rate does not make the picture drift behind.
     * At most {@link #MAX_CHANGES_PER_FRAME} soldiers change in one frame; the others move on in the next ones.
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
            if (changesLeft == 0 && isDueToMove(soldier, nowMs)) {
                // Its step began when the one before was due, so showing it a frame late does not make it drift.
                if (deferred < 0) {
                    deferred = at;
                }
                continue;
            }
            // Walk through every step whose time is up, but show only where the soldier ends: each shown
            // change costs styling, and a step that was over before this frame would not be seen anyway.
            Phase current = soldier.phase;
            long since = soldier.phaseSinceMs;
            boolean moved = false;
            while (true) {
                long due = since + current.minMs();
                if (nowMs < due) {
                    break;
                }
                if (current.state().isGone()) {
                    break;
                }
                Phase next = soldier.pending.pollFirst();
                if (next == null && isTransient(current.state())) {
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
                current = next;
                moved = true;
            }
            if (current.state().isGone() && nowMs >= since + current.minMs()) {
                soldier.pending.forEach(phase -> land(phase, landing));
                gone.add(soldier);
                byPid.remove(soldier.getPid());
            } else if (moved) {
                changesLeft--;
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
        }
        land(landing);
        showStateChanges();
    }

    /**
     * The badge tells the pool's state as the picture reaches it: a change shows once every soldier has begun
     * the steps that came before it, so a class never reads "terminated" over soldiers still seen at work.
     */
    private void showStateChanges() {
        while (!stateChanges.isEmpty()) {
            StateChange change = stateChanges.peekFirst();
            for (Soldier soldier : soldiers) {
                Phase waiting = soldier.pending.peekFirst();
                if (waiting != null && waiting.arrivedMs() <= change.arrivedMs()) {
                    return;
                }
            }
            stateChanges.pollFirst();
            poolState.set(change.state());
            targetSize.set(change.targetSize());
        }
    }

    /** Whether {@link #tick} would show the soldier taking another step now (not counting its leaving). */
    private static boolean isDueToMove(Soldier soldier, long nowMs) {
        Phase current = soldier.phase;
        return nowMs >= soldier.phaseSinceMs + current.minMs() && !current.state().isGone()
                && (!soldier.pending.isEmpty() || isTransient(current.state()));
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

    private static List<Phase> step(Map<Long, List<Phase>> steps, long pid) {
        return steps.computeIfAbsent(pid, k -> new ArrayList<>());
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
        stateChanges.add(new StateChange(PoolState.RUNNING, targetSize, nowMs));
        showStateChanges();
    }

    /** Forgets every soldier (a new pool starts). */
    public void clearSoldiers() {
        soldiers.clear();
        byPid.clear();
        stateChanges.clear();
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

    public Soldier soldier(long pid) {
        return byPid.get(pid);
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
            walkMs.set(Math.max(50, Math.min(400, paceMs / 4)));
            workDwellMs.set(Math.min(900, paceMs * 2 / 5));
        }
    }
}
