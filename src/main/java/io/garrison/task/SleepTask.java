package io.garrison.task;

import java.util.Optional;

/** Sleeps for the given milliseconds: the waiting kind of work, where more workers than cores still pay. */
public final class SleepTask implements TaskKind {

    @Override
    public String name() {
        return "sleep";
    }

    @Override
    public Optional<String> validate(String input, TaskOptions options) {
        return Inputs.millisProblem(input);
    }

    @Override
    public String execute(String input, TaskContext context) throws InterruptedException {
        long millis = Long.parseLong(input);
        long deadline = System.nanoTime() + millis * 1_000_000L;
        // Sleep in slices so a watcher sees progress move on long sleeps.
        long slice = Math.max(50, millis / 20);
        for (long left = millis; left > 0; left = (deadline - System.nanoTime()) / 1_000_000L) {
            Thread.sleep(Math.min(slice, left));
            context.progress(millis - Math.max(0, (deadline - System.nanoTime()) / 1_000_000L), millis);
        }
        return Long.toString(millis);
    }
}
