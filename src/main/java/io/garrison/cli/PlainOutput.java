package io.garrison.cli;

import io.garrison.engine.PoolEvent;
import io.garrison.engine.PoolListener;
import io.garrison.engine.SucceededTasks;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * Output without {@code --json}, like GNU parallel's default: each task's result, or for a command its whole
 * captured output, printed in one piece when the task ends, so outputs of parallel tasks never interleave.
 * Failures go to stderr as {@code line N: reason}.
 */
final class PlainOutput implements PoolListener {

    private final Writer out;
    private final PrintStream err;
    private final boolean printOutputs;

    /** @param out a buffered writer: it is flushed whenever the engine has no more events waiting */
    PlainOutput(Writer out, PrintStream err, boolean printOutputs) {
        this.out = out;
        this.err = err;
        this.printOutputs = printOutputs;
    }

    @Override
    public boolean wantsTaskStarts() {
        return false;
    }

    @Override
    public boolean wantsSucceededInputs() {
        return false;
    }

    @Override
    public void onEvent(PoolEvent event) {
        try {
            if (event instanceof PoolEvent.TaskSucceeded done) {
                if (printOutputs) {
                    out.write(done.output());
                } else {
                    out.write(done.result());
                    out.write('\n');
                }
            } else if (event instanceof PoolEvent.TaskFailed failed && !failed.willRetry()) {
                if (printOutputs && !failed.output().isEmpty()) {
                    out.write(failed.output());
                }
                out.flush();
                String where = failed.error().startsWith("line ") ? "" : "line " + failed.line() + ": ";
                err.println(where + failed.error());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean wantsSucceededRuns() {
        return true;
    }

    @Override
    public void onSucceededRun(SucceededTasks run) {
        if (printOutputs) {
            // Only quiet tasks come in runs: a command that printed nothing has nothing to show.
            return;
        }
        try {
            for (int i = 0; i < run.count(); i++) {
                out.write(run.result(i));
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void onIdle() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
