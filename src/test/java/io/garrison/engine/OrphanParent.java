package io.garrison.engine;

import java.util.List;

/**
 * A parent program for the orphan test: starts a pool whose workers run long tasks, prints the workers'
 * PIDs, then waits to be killed with SIGKILL.
 */
public final class OrphanParent {

    private OrphanParent() {
    }

    public static void main(String[] args) throws Exception {
        ProcessPool pool = ProcessPool.create(2);
        pool.awaitReady(java.time.Duration.ofSeconds(60));
        for (int i = 0; i < 2; i++) {
            pool.applyAsync(ms -> {
                Thread.sleep(ms);
                return ms;
            }, 120_000);
        }
        List<Long> pids = pool.workerPids();
        System.out.println("workers " + pids.get(0) + " " + pids.get(1));
        System.out.flush();
        Thread.sleep(300_000);
    }
}
