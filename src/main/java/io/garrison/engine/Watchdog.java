package io.garrison.engine;

/**
 * Runs a check every period on a daemon thread until stopped. A plain thread rather than a
 * ScheduledExecutorService: a pool is built on every run, and the executor's classes cost a cold JVM
 * milliseconds before the first worker could be spawned.
 */
final class Watchdog extends Thread {

    private final Runnable check;
    private final long periodMs;
    private volatile boolean stopped;

    Watchdog(String name, long periodMs, Runnable check) {
        super(name);
        setDaemon(true);
        this.check = check;
        this.periodMs = periodMs;
    }

    @Override
    public void run() {
        while (!stopped) {
            try {
                Thread.sleep(periodMs);
            } catch (InterruptedException e) {
                continue;
            }
            if (stopped) {
                return;
            }
            try {
                check.run();
            } catch (RuntimeException e) {
                // One failed check must not end the watching: timeouts and retired workers still need it.
                log().log(System.Logger.Level.ERROR, "the pool's watchdog failed a check", e);
            }
        }
    }

    void stopWatching() {
        stopped = true;
        interrupt();
    }

    /** Asked for when needed: finding a logger starts the logging system, which a pool's start-up need not pay for. */
    private static System.Logger log() {
        return System.getLogger(Watchdog.class.getName());
    }
}
