package io.garrison.cli;

import io.garrison.engine.PoolEvent;
import io.garrison.engine.PoolListener;
import java.io.PrintStream;

/**
 * Output without {@code --json}, like GNU parallel's default: each task's result, or for a command its whole
 * captured output, printed in one piece when the task ends, so outputs of parallel tasks never interleave.
 * Failures go to stderr as {@code line N: reason}.
 */
final class PlainOutput implements PoolListener {

    private final PrintStream out;
    private final PrintStream err;
    private final boolean printOutputs;

    PlainOutput(PrintStream out, PrintStream err, boolean printOutputs) {
        this.out = out;
        this.err = err;
        this.printOutputs = printOutputs;
    }

    @Override
    public void onEvent(PoolEvent event) {
        if (event instanceof PoolEvent.TaskSucceeded done) {
            if (printOutputs) {
                out.print(done.output());
            } else {
                out.println(done.result());
            }
        } else if (event instanceof PoolEvent.TaskFailed failed && !failed.willRetry()) {
            if (printOutputs && !failed.output().isEmpty()) {
                out.print(failed.output());
            }
            String where = failed.error().startsWith("line ") ? "" : "line " + failed.line() + ": ";
            err.println(where + failed.error());
        }
    }

    @Override
    public void onIdle() {
        out.flush();
    }
}
