package io.garrison.ui.lessons;

import io.garrison.engine.PoolEvent;
import io.garrison.engine.PoolState;
import java.util.Optional;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The soldiers of the lesson's pool, kept up to date from the pool's events. Dead and departed workers stay
 * on the board, marked, so a class can see what happened to them. FX thread only (events arrive through a
 * {@link UiQueue}).
 */
public final class WorkerBoard {

    private final ObservableList<Soldier> soldiers = FXCollections.observableArrayList();
    // After terminate() every worker is killed on purpose: those are stopped, not dead.
    private boolean terminated;

    /** The soldiers in the order their workers started. */
    public ObservableList<Soldier> soldiers() {
        return soldiers;
    }

    /** Forgets every soldier, for a new run. */
    public void clear() {
        soldiers.clear();
        terminated = false;
    }

    /** The soldier with this PID, if it has been seen. */
    public Optional<Soldier> find(long pid) {
        return soldiers.stream().filter(s -> s.getPid() == pid).findFirst();
    }

    /** Updates the board from one engine event; pool state and run events change no soldier. */
    public void apply(PoolEvent event) {
        if (event instanceof PoolEvent.WorkerStarted started) {
            soldier(started.pid());
        } else if (event instanceof PoolEvent.TaskStarted started) {
            Soldier s = soldier(started.pid());
            s.stateProperty().set(Soldier.State.BUSY);
            s.taskProperty().set(started.input());
            s.progressProperty().set(-1);
        } else if (event instanceof PoolEvent.TaskProgress progress && progress.total() > 0) {
            soldier(progress.pid()).progressProperty().set((double) progress.done() / progress.total());
        } else if (event instanceof PoolEvent.TaskSucceeded succeeded) {
            finish(succeeded.pid(), true);
        } else if (event instanceof PoolEvent.TaskFailed failed && failed.pid() != 0) {
            finish(failed.pid(), false);
        } else if (event instanceof PoolEvent.PoolStateChanged changed) {
            terminated |= changed.state() == PoolState.TERMINATED;
        } else if (event instanceof PoolEvent.WorkerExited exited) {
            soldier(exited.pid()).stateProperty().set(exitState(exited));
        }
    }

    private Soldier.State exitState(PoolEvent.WorkerExited exited) {
        if (exited.expected()) {
            return Soldier.State.LEFT;
        }
        return terminated ? Soldier.State.STOPPED : Soldier.State.DEAD;
    }

    private void finish(long pid, boolean succeeded) {
        Soldier s = soldier(pid);
        if (s.getState() == Soldier.State.BUSY) {
            s.stateProperty().set(Soldier.State.IDLE);
        }
        if (succeeded) {
            s.progressProperty().set(1);
            s.doneProperty().set(s.getDone() + 1);
        }
    }

    private Soldier soldier(long pid) {
        return find(pid).orElseGet(() -> {
            Soldier s = new Soldier(pid);
            soldiers.add(s);
            return s;
        });
    }
}
