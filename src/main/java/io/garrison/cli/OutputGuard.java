package io.garrison.cli;

import io.garrison.engine.PoolEvent;
import io.garrison.engine.PoolListener;
import io.garrison.engine.SucceededTasks;
import java.io.UncheckedIOException;

/**
 * Wraps the listener that writes stdout. When stdout closes ({@code garrison run ... | head}), the run has
 * no reader left: like a Unix tool, it stops at once instead of computing results nobody will see.
 */
final class OutputGuard implements PoolListener {

    private final PoolListener output;
    private final Runnable onClosed;
    private volatile boolean closed;

    OutputGuard(PoolListener output, Runnable onClosed) {
        this.output = output;
        this.onClosed = onClosed;
    }

    /** Whether stdout was found closed; the run then ends early without it being an error. */
    boolean closed() {
        return closed;
    }

    @Override
    public boolean wantsTaskStarts() {
        return output.wantsTaskStarts();
    }

    @Override
    public boolean wantsSucceededInputs() {
        return output.wantsSucceededInputs();
    }

    @Override
    public void onEvent(PoolEvent event) {
        if (!closed) {
            guard(() -> output.onEvent(event));
        }
    }

    @Override
    public boolean wantsSucceededRuns() {
        return output.wantsSucceededRuns();
    }

    @Override
    public void onSucceededRun(SucceededTasks run) {
        if (!closed) {
            guard(() -> output.onSucceededRun(run));
        }
    }

    @Override
    public void onIdle() {
        if (!closed) {
            guard(output::onIdle);
        }
    }

    private void guard(Runnable write) {
        try {
            write.run();
        } catch (UncheckedIOException e) {
            closed = true;
            onClosed.run();
        }
    }
}
