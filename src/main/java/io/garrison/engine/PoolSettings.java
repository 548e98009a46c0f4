package io.garrison.engine;

/**
 * What a pool is built with, checked by its {@link ProcessPool.Builder}.
 *
 * @param taskTimeoutNanos 0 for no limit
 * @param maxTasksPerWorker 0 for no limit
 */
record PoolSettings(int size, int retries, long taskTimeoutNanos, int maxTasksPerWorker, HaltPolicy haltPolicy,
                    boolean losesTasksLikePython, WorkerLauncher launcher) {
}
