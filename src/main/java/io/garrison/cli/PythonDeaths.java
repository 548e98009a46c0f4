package io.garrison.cli;

import io.garrison.engine.FailureCause;
import io.garrison.engine.PoolEvent;
import io.garrison.engine.PoolListener;
import java.io.PrintStream;

/**
 * What {@code garrison python} without {@code --json} says besides the script's own output: one line on stderr per
 * worker that died and per task its death lost, which Python itself never says. On the run's event thread.
 */
final class PythonDeaths implements PoolListener {

    private final PrintStream err;

    PythonDeaths(PrintStream err) {
        this.err = err;
    }

    @Override
    public void onEvent(PoolEvent event) {
        if (event instanceof PoolEvent.WorkerExited exited && !exited.expected()) {
            err.println(CliText.get("cli.python.workerDied", String.valueOf(exited.pid()), exited.reason()));
        } else if (event instanceof PoolEvent.TaskFailed failed && failed.cause() == FailureCause.WORKER_DIED) {
            err.println(CliText.get("cli.python.taskLost", String.valueOf(failed.task()), failed.input(),
                    String.valueOf(failed.pid())));
        }
    }

    @Override
    public boolean wantsTaskStarts() {
        return false;
    }
}
