package io.garrison.engine;

import io.garrison.task.ProcessGroups;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A worker process and everything it started (a curl, a shell, their children): asked to stop, killed, reaped.
 * A command runs in a process group of its own (see {@link ProcessGroups}); what it started and left to init is
 * no descendant of anyone, so its whole group is signalled too. One owner per process: only this class destroys
 * it. Any thread.
 */
final class WorkerProcessTree {

    private final Process process;
    /** What the worker had started when it was asked to stop, so that none of it outlives a grace period. */
    private volatile List<ProcessHandle> stopping = List.of();
    /** The process groups of those descendants that lead groups of their own, for the same reason. */
    private volatile List<Long> stoppingGroups = List.of();

    WorkerProcessTree(Process process) {
        this.process = process;
    }

    Process process() {
        return process;
    }

    /** Asks the worker and everything it started to stop (SIGTERM); {@link #kill()} follows if they do not. */
    void askToStop() {
        // Remembered now: once the worker is gone its children belong to init and are no longer its descendants.
        stopping = process.descendants().toList();
        stoppingGroups = groupsOf(stopping);
        ProcessGroups.killWithProgram(stoppingGroups, "TERM");
        stopping.forEach(ProcessHandle::destroy);
        process.destroy();
    }

    /** Kills the worker and everything it started; descendants first, while they are still known as such. */
    void kill() {
        List<ProcessHandle> descendants = process.descendants().toList();
        List<Long> groups = new ArrayList<>(stoppingGroups);
        groupsOf(descendants).stream().filter(g -> !groups.contains(g)).forEach(groups::add);
        ProcessGroups.killWithProgram(groups, "KILL");
        stopping.forEach(ProcessHandle::destroyForcibly);
        descendants.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /**
     * The groups that descendants lead: a command's group has the command's PID as its ID. Groups that are not
     * led by a descendant (the worker's own, shared with the pool's parent) are never signalled whole.
     */
    private static List<Long> groupsOf(List<ProcessHandle> descendants) {
        List<Long> groups = new ArrayList<>();
        for (ProcessHandle descendant : descendants) {
            long group = ProcessGroups.groupOf(descendant.pid());
            if (group == descendant.pid() && !groups.contains(group)) {
                groups.add(group);
            }
        }
        return groups;
    }

    /** @return whether the worker had exited before the timeout */
    boolean awaitExit(long timeout, TimeUnit unit) throws InterruptedException {
        return process.waitFor(timeout, unit);
    }

    /**
     * The worker's exit code once it is gone. One that closed its stdout yet lives on is not a worker anyone can
     * use: it is killed after a few seconds.
     */
    int reap() {
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                kill();
                process.waitFor();
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
            return -1;
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Stops trees as a terminate does: asked to stop already, they get a grace period together, then whatever is
     * left of each is killed and reaped. Programs a task started (a curl, a shell) get the chance to clean up
     * after themselves; nothing gets to stay.
     */
    static void stopAll(List<WorkerProcessTree> trees, long graceNanos) {
        long graceEnds = System.nanoTime() + graceNanos;
        for (WorkerProcessTree tree : trees) {
            try {
                long left = graceEnds - System.nanoTime();
                if (left > 0) {
                    tree.awaitExit(left, TimeUnit.NANOSECONDS);
                }
                // Even a worker that left in time may leave a program behind that ignores SIGTERM.
                tree.kill();
                tree.awaitExit(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                trees.forEach(WorkerProcessTree::kill);
                return;
            }
        }
    }
}
