package io.garrison.task;

import java.util.Optional;

/** Keeps one core busy for the given milliseconds: speed-up stops at the number of cores. */
public final class CpuTask implements TaskKind {

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public Optional<String> validate(String input, TaskOptions options) {
        return Inputs.millisProblem(input);
    }

    @Override
    public String execute(String input, TaskContext context) {
        long millis = Long.parseLong(input);
        long start = System.nanoTime();
        long deadline = start + millis * 1_000_000L;
        long spins = 0;
        long state = 0x9E3779B97F4A7C15L;
        while (System.nanoTime() < deadline) {
            // A xorshift loop the JIT cannot remove, so the core really is busy.
            for (int i = 0; i < 10_000; i++) {
                state ^= state << 13;
                state ^= state >>> 7;
                state ^= state << 17;
            }
            spins++;
            if ((spins & 63) == 0) {
                context.progress((System.nanoTime() - start) / 1_000_000L, millis);
            }
        }
        return (state == 42 ? "" : "") + millis;
    }
}
