package io.garrison.engine;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs a check every period on a daemon thread until stopped. A plain thread rather than a
 * ScheduledExecutorService: a pool is built on every run, and the executor's classes cost a cold JVM
 * milliseconds before the first worker could be spawned.
 *
 * <p>A check that finds nothing to watch (no task out, no worker leaving, nothing queued) lets the watchdog rest
 * for {@link #RESTING_MS} instead: an idle pool then wakes its parent a few times a second, not fifty. New work
 * calls {@link #wake()}, so nothing waits for the rest to end.
 */
final class Watchdog extends Thread {

    /** How long a watchdog with nothing to watch rests before it looks again (in case a wake was missed). */
    static final long RESTING_MS = 500;

    /** The check; returns whether anything still needs watching. */
    interface Check {
        boolean watch();
    }

    private final Check check;
    private final long periodMs;
    private volatile boolean stopped;
    private volatile boolean resting;

    Watchdog(String name, long periodMs, Check check) {
        super(name);
        setDaemon(true);
        this.check = check;
        this.periodMs = periodMs;
    }

    @Override
    public void run() {
        while (!stopped) {
            if (resting) {
                LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(RESTING_MS));
            } else {
                LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(periodMs));
            }
            if (stopped) {
                return;
            }
            try {
                resting = !check.watch();
            } catch (RuntimeException e) {
                // One failed check must not end the watching: timeouts and retired workers still need it.
                log().log(System.Logger.Level.ERROR, "the pool's watchdog failed a check", e);
            }
        }
    }

    /** There is work to watch again: the next check comes within a period. Any thread. */
    void wake() {
        if (resting) {
            resting = false;
            LockSupport.unpark(this);
        }
    }

    void stopWatching() {
        stopped = true;
        LockSupport.unpark(this);
    }

    /** Asked for when needed: finding a logger starts the logging system, which a pool's start-up need not pay for. */
    private static System.Logger log() {
        return System.getLogger(Watchdog.class.getName());
    }
}
