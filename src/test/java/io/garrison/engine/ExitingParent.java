package io.garrison.engine;

import java.util.concurrent.CountDownLatch;

/**
 * A parent program for the exit test: starts a task that would run for a minute, reports it running, then
 * returns from {@code main} without closing or terminating its pool. Prints every failure its listener hears.
 */
public final class ExitingParent {

    private ExitingParent() {
    }

    public static void main(String[] args) throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        ProcessPool pool = ProcessPool.builder().size(1).listener(event -> {
            if (event instanceof PoolEvent.TaskStarted) {
                started.countDown();
            } else if (event instanceof PoolEvent.TaskFailed failed) {
                System.out.println("heard failed: " + failed.error());
                System.out.flush();
            }
        }).build();
        pool.applyAsync(ms -> {
            Thread.sleep(ms);
            return ms;
        }, 60_000);
        started.await();
        System.out.println("running in worker " + pool.workerPids().get(0));
        System.out.flush();
    }
}
