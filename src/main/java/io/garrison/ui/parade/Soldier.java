package io.garrison.ui.parade;

import io.garrison.engine.WorkerId;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One worker process as the parade ground shows it: its host and real PID, and what it is seen doing. The shown state
 * lags the engine a little on purpose: each step stays on screen long enough to be seen (see
 * {@link ParadeModel}). Threading: FX thread only.
 */
public final class Soldier {

    private final WorkerId id;
    private final long joinedAtMs;
    private final ObjectProperty<SoldierState> state = new SimpleObjectProperty<>(this, "state", SoldierState.IDLE);
    private final StringProperty card = new SimpleStringProperty(this, "card", "");
    private final IntegerProperty bundle = new SimpleIntegerProperty(this, "bundle", 1);
    private final DoubleProperty progress = new SimpleDoubleProperty(this, "progress", -1);
    private final IntegerProperty tasksDone = new SimpleIntegerProperty(this, "tasksDone");
    private final IntegerProperty tasksFailed = new SimpleIntegerProperty(this, "tasksFailed");
    final Deque<ParadeModel.Phase> pending = new ArrayDeque<>();
    ParadeModel.Phase phase;
    long phaseSinceMs;
    boolean retryShown;
    /**
     * What the worker really does, by the engine's events as they come (not as they are shown): the tasks it
     * has begun and not finished, each with the stamp of its start event. The picture may trail it, never contradict it.
     */
    final Map<Integer, Long> running = new HashMap<>();
    /** Whether the engine said the worker exited (its soldier may still be seen finishing its steps). */
    boolean exited;
    /** The engine's stamp of the worker's start: a reconciliation judges only what it knew of. */
    long startedStampMs;
    private Soldier replaces;

    public Soldier(WorkerId id, long joinedAtMs) {
        this.id = id;
        this.joinedAtMs = joinedAtMs;
    }

    /** A worker on this machine. */
    public Soldier(long pid, long joinedAtMs) {
        this(WorkerId.local(pid), joinedAtMs);
    }

    /** Which worker: its host and its PID there. */
    public WorkerId getId() {
        return id;
    }

    /** The worker's OS process id on its host. */
    public long getPid() {
        return id.pid();
    }

    /**
     * How the picture names the worker: {@code PID 41234} on this machine (the PID {@code ps} shows), {@code host ·
     * 41234} on another, where the same PID may stand for another worker.
     */
    public String getName() {
        return id.isLocal() ? "PID " + id.pid() : id.host() + " \u00b7 " + id.pid();
    }

    /** The host the worker runs on, {@link WorkerId#LOCAL} for this machine. */
    public String getHost() {
        return id.host();
    }

    /** When the worker answered its first message (epoch ms): the skin marches it in after this. */
    public long getJoinedAtMs() {
        return joinedAtMs;
    }

    public ReadOnlyObjectProperty<SoldierState> stateProperty() {
        return state;
    }

    public SoldierState getState() {
        return state.get();
    }

    void setState(SoldierState value) {
        state.set(value);
    }

    /** The task card it holds: the input, or "input → result" while delivering; empty when idle. */
    public ReadOnlyStringProperty cardProperty() {
        return card;
    }

    public String getCard() {
        return card.get();
    }

    void setCard(String value) {
        card.set(value);
    }

    /** How many tasks the card stands for (more than one for a chunk, or when the view sums up a burst). */
    public ReadOnlyIntegerProperty bundleProperty() {
        return bundle;
    }

    public int getBundle() {
        return bundle.get();
    }

    void setBundle(int value) {
        bundle.set(value);
    }

    /** 0..1 while working with known progress; -1 when unknown (the ring spins). */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress;
    }

    public double getProgress() {
        return progress.get();
    }

    void setProgress(double value) {
        progress.set(value);
    }

    public ReadOnlyIntegerProperty tasksDoneProperty() {
        return tasksDone;
    }

    public int getTasksDone() {
        return tasksDone.get();
    }

    void addDone(int count) {
        tasksDone.set(tasksDone.get() + count);
    }

    public ReadOnlyIntegerProperty tasksFailedProperty() {
        return tasksFailed;
    }

    public int getTasksFailed() {
        return tasksFailed.get();
    }

    void addFailed(int count) {
        tasksFailed.set(tasksFailed.get() + count);
    }

    /** The fallen soldier whose place this one takes (a worker started to replace one that died), or null. */
    public Soldier replaces() {
        return replaces;
    }

    void setReplaces(Soldier fallen) {
        replaces = fallen;
    }

    /** Whether the engine says the worker runs a task now (what the picture must come to show). */
    public boolean isRunningInTruth() {
        return !running.isEmpty();
    }

    /** Whether the last failure shown goes back to the queue for another try. */
    public boolean isRetryShown() {
        return retryShown;
    }

    @Override
    public String toString() {
        return "Soldier[" + id + " " + getState() + "]";
    }
}
