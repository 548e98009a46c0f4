package io.garrison.cli;

import io.garrison.engine.ProcessPool;
import io.garrison.engine.TaskRun;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;

/**
 * Ctrl-C during a run: the first stops handing out tasks and lets running ones finish (those not started
 * stay out of the joblog, so {@code --resume} picks them up); the second kills the workers now.
 */
final class InterruptHandler {

    private InterruptHandler() {
    }

    /** Installed as soon as the pool exists, so a Ctrl-C at any moment of the run gets these semantics. */
    static void install(ProcessPool pool) {
        AtomicInteger presses = new AtomicInteger();
        try {
            Signal.handle(new Signal("INT"), signal -> {
                if (presses.incrementAndGet() == 1) {
                    System.err.println(System.lineSeparator() + CliText.get("cli.interrupt.stopping"));
                    pool.halt(TaskRun.STOPPED_BY_USER, false);
                } else {
                    System.err.println(System.lineSeparator() + CliText.get("cli.interrupt.killing"));
                    pool.terminate();
                }
            });
        } catch (IllegalArgumentException | UnsupportedOperationException noSignals) {
            // No SIGINT on this platform or JVM; the shutdown hook still kills the workers.
        }
    }
}
