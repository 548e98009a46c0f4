package io.garrison.ui.lessons;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One worker process as the panel shows it: its PID, what it does now, and how much it has done. FX thread. */
public final class Soldier {

    /** What the worker is doing. */
    public enum State { IDLE, BUSY, DEAD, LEFT, STOPPED }

    private final ReadOnlyLongWrapper pid;
    private final ObjectProperty<State> state = new SimpleObjectProperty<>(this, "state", State.IDLE);
    private final StringProperty task = new SimpleStringProperty(this, "task", "");
    private final DoubleProperty progress = new SimpleDoubleProperty(this, "progress", 0);
    private final IntegerProperty done = new SimpleIntegerProperty(this, "done", 0);

    /** A worker that just started, waiting for a task. */
    public Soldier(long pid) {
        this.pid = new ReadOnlyLongWrapper(this, "pid", pid);
    }

    public long getPid() {
        return pid.get();
    }

    public ReadOnlyLongProperty pidProperty() {
        return pid.getReadOnlyProperty();
    }

    public State getState() {
        return state.get();
    }

    public ObjectProperty<State> stateProperty() {
        return state;
    }

    /** The input of the task it runs, or ran last. */
    public String getTask() {
        return task.get();
    }

    public StringProperty taskProperty() {
        return task;
    }

    /** 0..1 of the current task, or -1 when unknown (a ProgressBar shows it as busy). */
    public DoubleProperty progressProperty() {
        return progress;
    }

    /** Tasks it finished. */
    public int getDone() {
        return done.get();
    }

    public IntegerProperty doneProperty() {
        return done;
    }
}
