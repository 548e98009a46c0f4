package io.garrison.ui.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import io.garrison.engine.PoolEvent;
import io.garrison.engine.PoolState;
import org.junit.jupiter.api.Test;

/** The board follows the pool's events: who works on what, who died, who was stopped. */
class WorkerBoardTest {

    private final WorkerBoard board = new WorkerBoard();

    @Test
    void aWorkerWorksThenIsIdleWithOneMoreDone() {
        board.apply(new PoolEvent.WorkerStarted(0, 11, 40));
        board.apply(new PoolEvent.TaskStarted(0, 0, 0, "7", 11, 1));
        assertThat(board.find(11).orElseThrow().getState()).isEqualTo(Soldier.State.BUSY);
        assertThat(board.find(11).orElseThrow().getTask()).isEqualTo("7");

        board.apply(new PoolEvent.TaskSucceeded(0, 0, 0, "7", 11, "49", 3, ""));

        assertThat(board.find(11).orElseThrow().getState()).isEqualTo(Soldier.State.IDLE);
        assertThat(board.find(11).orElseThrow().getDone()).isEqualTo(1);
    }

    @Test
    void aKilledWorkerIsDeadButTerminatedOnesAreStopped() {
        board.apply(new PoolEvent.WorkerStarted(0, 11, 40));
        board.apply(new PoolEvent.WorkerStarted(0, 12, 40));
        board.apply(new PoolEvent.WorkerExited(0, 11, 137, false, "killed by signal 9"));
        board.apply(new PoolEvent.PoolStateChanged(0, PoolState.TERMINATED, 2));
        board.apply(new PoolEvent.WorkerExited(0, 12, 137, false, "terminated"));

        assertThat(board.find(11).orElseThrow().getState()).isEqualTo(Soldier.State.DEAD);
        assertThat(board.find(12).orElseThrow().getState()).isEqualTo(Soldier.State.STOPPED);
    }

    @Test
    void classroomAddressesShowTheSiteName() {
        assertThat(SoldierCard.shorten("http://127.0.0.1:45661/www.python.org/")).isEqualTo("www.python.org/");
        assertThat(SoldierCard.shorten("https://www.gnu.org/")).isEqualTo("www.gnu.org/");
    }
}
