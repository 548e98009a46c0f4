package io.garrison.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Ends the pools that are still open when the JVM exits, as Python's interpreter terminates a {@code Pool}
 * nobody closed. A program that returns from {@code main} (or calls {@code System.exit}) with a pool open
 * otherwise loses twice:
 * <ul>
 *   <li>its workers' stdout and stderr readers are in a native read when the JVM stops, and HotSpot waits
 *       300 ms for threads in native code before it exits, which terminating the pool first spares
 *       (decision 0019);</li>
 *   <li>the tasks still running end with no word to the listeners, so a job log misses their last lines.</li>
 * </ul>
 * The hook terminates each pool (its workers and what they started), then waits, within a bound, until every
 * worker's exit has been handled and the listeners have heard it.
 */
final class OpenPools {

    /** The whole hook's bound: a listener that never returns must not keep the JVM from exiting. */
    private static final long EXIT_BUDGET_NANOS = TimeUnit.SECONDS.toNanos(2);

    private static final Set<ProcessPool> OPEN = ConcurrentHashMap.newKeySet();
    private static boolean hookAdded;

    private OpenPools() {
    }

    static void opened(ProcessPool pool) {
        addHookOnce();
        OPEN.add(pool);
    }

    static void ended(ProcessPool pool) {
        OPEN.remove(pool);
    }

    private static synchronized void addHookOnce() {
        if (hookAdded) {
            return;
        }
        hookAdded = true;
        try {
            // An anonymous class, not a lambda: this runs on the first pool's start-up path.
            Runtime.getRuntime().addShutdownHook(new Thread("garrison-pools-at-exit") {
                @Override
                public void run() {
                    endAll();
                }
            });
        } catch (IllegalStateException alreadyExiting) {
            // a pool built by another shutdown hook: its workers still end at end-of-file on their stdin
        }
    }

    private static void endAll() {
        long deadline = System.nanoTime() + EXIT_BUDGET_NANOS;
        List<ProcessPool> pools = new ArrayList<>(OPEN);
        for (ProcessPool pool : pools) {
            pool.terminateForExit();
        }
        for (ProcessPool pool : pools) {
            pool.awaitEndForExit(deadline);
        }
    }
}
