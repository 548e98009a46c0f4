package io.garrison.engine;

import java.util.concurrent.CountDownLatch;

/**
 * A parent program for the exit test: starts a task that would run for a minute, reports it running, then
 * returns from {@code main} without closing or terminating its pool. Prints every failure its listener hears;
 * with {@code stuck}, the listener then never returns.
 */
public final class ExitingParent {

    private ExitingParent() {
    }

    public static void main(String[] args) throws Exception {
        boolean stuck = args.length > 0 && args[0].equals("stuck");
        CountDownLatch started = new CountDownLatch(1);
        ProcessPool pool = ProcessPool.builder().size(1).listener(event -> {
            if (event instanceof PoolEvent.TaskStarted) {
                started.countDown();
            } else if (event instanceof PoolEvent.TaskFailed failed) {
                System.out.println("heard failed: " + failed.error());
                System.out.flush();
                while (stuck) {
                    try {
                        Thread.sleep(60_000);
                    } catch (InterruptedException e) {
                        // still stuck
                    }
                }
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
