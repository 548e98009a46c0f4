package io.garrison.engine;

/**
 * One worker as the pool supervises it: its process tree, its channel, its slot in dispatch, and where it is in
 * its life (starting, ready, retiring, told to leave, killed on purpose, gone).
 *
 * <p>Threading: the mutable fields are accessed only under the pool's lock; the parts have their own rules.
 */
final class Worker {

    /** Why the pool killed a worker on purpose: what its running task fails with, as a cause and in words. */
    record Kill(FailureCause cause, String reason) {
    }

    private final WorkerHost host;
    private final WorkerProcessTree tree;
    private final WorkerChannel channel;
    private final WorkerSlot slot;
    private final long spawnNanos = System.nanoTime();
    private boolean retiring;
    private boolean stdinClosed;
    private long stdinClosedNanos;
    private boolean exited;
    /** Set when the pool killed this worker on purpose; null otherwise. */
    private Kill killedBecause;

    /** On another host the process is the ssh client; the worker's own PID comes with its hello. */
    Worker(Process process, WorkerHost host) {
        this.host = host;
        this.tree = new WorkerProcessTree(process);
        this.channel = new WorkerChannel(tree);
        this.slot = new WorkerSlot(new WorkerId(host.name(), process.pid()), channel);
    }

    WorkerHost host() {
        return host;
    }

    WorkerId id() {
        return slot.id();
    }

    long pid() {
        return slot.id().pid();
    }

    WorkerProcessTree tree() {
        return tree;
    }

    WorkerChannel channel() {
        return channel;
    }

    WorkerSlot slot() {
        return slot;
    }

    long spawnNanos() {
        return spawnNanos;
    }

    /** The worker answered its hello with its own PID (the launcher's process may be a wrapper such as nice). */
    void markReady(long pid) {
        slot.markReady(new WorkerId(host.name(), pid));
    }

    boolean isReady() {
        return slot.isReady();
    }

    /** It finishes what it holds and leaves; it no longer counts towards the pool's size. */
    void retire() {
        retiring = true;
        slot.deactivate();
        if (slot.isEmpty()) {
            closeStdin();
        }
    }

    boolean isRetiring() {
        return retiring;
    }

    /** Asks the worker to leave once it has read what was sent before. */
    void closeStdin() {
        if (!stdinClosed) {
            stdinClosed = true;
            stdinClosedNanos = System.nanoTime();
            slot.deactivate();
            channel.closeStdin();
        }
    }

    boolean isStdinClosed() {
        return stdinClosed;
    }

    long stdinClosedNanos() {
        return stdinClosedNanos;
    }

    /** Kills the worker and what it started now; its running task fails as {@code kill} says. */
    void kill(Kill kill) {
        condemn(kill);
        tree.kill();
    }

    /** Asks the worker and what it started to stop; its running task fails as {@code kill} says. */
    void askToStop(Kill kill) {
        condemn(kill);
        tree.askToStop();
    }

    private void condemn(Kill kill) {
        killedBecause = kill;
        slot.condemn();
    }

    /** Why the pool killed it, or null if it did not. */
    Kill killedBecause() {
        return killedBecause;
    }

    void markExited() {
        exited = true;
        slot.deactivate();
        slot.condemn();
    }

    boolean hasExited() {
        return exited;
    }

    String stderrTail() {
        return channel.stderrTail();
    }
}
