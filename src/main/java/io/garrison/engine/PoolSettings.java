package io.garrison.engine;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * What a pool is built with, checked by its {@link ProcessPool.Builder}.
 *
 * @param taskTimeoutNanos 0 for no limit
 * @param taskTimeoutShareOfMedian when above 0, the timeout is this share of the median run time of the tasks
 *                                 that succeeded so far, instead of {@code taskTimeoutNanos}
 * @param maxTasksPerWorker 0 for no limit
 * @param maxTasksPerHost   downloads from one web host in workers' hands at once; 0 for no limit
 */
record PoolSettings(int size, int retries, long taskTimeoutNanos, double taskTimeoutShareOfMedian,
                    int maxTasksPerWorker, HaltPolicy haltPolicy,
                    boolean losesTasksLikePython, WorkerLauncher launcher, List<WorkerHost> hosts,
                    int maxTasksPerHost, List<InetSocketAddress> servicesForHosts) {

    /** Downloads from one web host at once, unless the builder says otherwise; curl and wget use one or two. */
    static final int DEFAULT_MAX_TASKS_PER_HOST = 4;

    /** Without hosts: all {@code size} workers on this machine. */
    PoolSettings(int size, int retries, long taskTimeoutNanos, double taskTimeoutShareOfMedian,
                 int maxTasksPerWorker, HaltPolicy haltPolicy, boolean losesTasksLikePython, WorkerLauncher launcher) {
        this(size, retries, taskTimeoutNanos, taskTimeoutShareOfMedian, maxTasksPerWorker, haltPolicy,
                losesTasksLikePython, launcher, List.of(WorkerHost.local(Math.max(1, size))), DEFAULT_MAX_TASKS_PER_HOST,
                List.of());
    }
}
