package io.garrison.engine;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hosts a pool's workers run on, and how each is doing: how many workers it is to run, whether it can start
 * them. A host whose workers fail to start {@value #STARTUP_FAILURES_TO_GIVE_UP} times in a row is down; the
 * pool goes on with the others and halts only when every host is down. A host that is down is tried again
 * after a while, with one worker, and a while twice as long each time it is still down: a lab PC that was
 * rebooting comes back into the run. On a pool of one host (this machine, as most are) that is the rule it
 * always had: three failed starts in a row halt it.
 *
 * <p>Threading: accessed only under the pool's lock, but for {@link #prepare}, which runs before any worker.
 */
final class WorkerHosts {

    static final int STARTUP_FAILURES_TO_GIVE_UP = 3;
    private static final long FIRST_PROBE_AFTER_NANOS = 10_000_000_000L;
    private static final long LONGEST_PROBE_WAIT_NANOS = 300_000_000_000L;

    /** One host's state. */
    private static final class State {
        final WorkerHost host;
        int quota;
        int failuresInARow;
        boolean down;
        /** When a host that is down is tried again ({@link System#nanoTime()}), and how long it waits next time. */
        long probeAtNanos;
        long probeWaitNanos = FIRST_PROBE_AFTER_NANOS;
        /** Its runtime is being copied there on another thread: it is not tried again meanwhile. */
        boolean copying;
        /** A host added while the pool runs, not tried yet: the pool does not give up while it waits for it. */
        boolean untried;
        RemoteInstall runtime;
        /** The connection its workers share, if it has one. */
        SshMaster master;

        void markDown(long now) {
            down = true;
            // Its connection went with it (or never was): another try opens a new one, with its forwards.
            if (master != null) {
                master.close();
                master = null;
            }
            probeAtNanos = now + probeWaitNanos;
            probeWaitNanos = Math.min(LONGEST_PROBE_WAIT_NANOS, probeWaitNanos * 2);
        }

        State(WorkerHost host) {
            this.host = host;
            this.quota = host.workers();
        }
    }

    private final List<State> states = new ArrayList<>();
    /** By the host object its workers hold: two logins may name one host, and a host left out may come back. */
    private final Map<WorkerHost, State> byHost = new IdentityHashMap<>();
    private String lastFailure = "";

    /** Services of this machine that tasks on other hosts reach through their host's shared connection. */
    private final List<InetSocketAddress> services;

    WorkerHosts(List<WorkerHost> hosts, List<InetSocketAddress> services) {
        this.services = services;
        for (WorkerHost host : hosts) {
            State state = new State(host);
            states.add(state);
            byHost.put(host, state);
        }
    }

    /** Workers the pool is to run on all hosts. */
    int totalWorkers() {
        int total = 0;
        for (State state : states) {
            total += state.quota;
        }
        return total;
    }

    /** Whether the pool runs only on this machine, where it may be resized. */
    boolean isLocalOnly() {
        return states.size() == 1 && !states.get(0).host.remote() && states.get(0).host.prefix().isEmpty();
    }

    void resizeLocal(int size) {
        if (!isLocalOnly()) {
            throw new IllegalStateException("a pool on several hosts keeps the sizes its hosts were given");
        }
        states.get(0).quota = size;
    }

    /**
     * Copies the worker's runtime to each remote host that lacks it. A host that cannot be reached is down from
     * the start, with ssh's words as the reason.
     */
    void prepare(String classPath) {
        for (State state : states) {
            if (!state.host.remote()) {
                continue;
            }
            state.master = connect(state.host);
            try {
                state.runtime = copyRuntime(state.host, classPath);
            } catch (IOException | RuntimeException e) {
                state.markDown(System.nanoTime());
                lastFailure = state.host.name() + ": " + e.getMessage();
            }
        }
    }

    /** Opens the connection {@code host}'s workers share, with the services forwarded; blocks for a login. */
    SshMaster connect(WorkerHost host) {
        return SshMaster.startFor(host.prefix(), services);
    }

    /** Lets the shared connections go: each leaves once the sessions on it have closed. */
    void releaseConnections() {
        for (State state : states) {
            if (state.master != null) {
                state.master.close();
                state.master = null;
            }
        }
    }

    /** Copies the worker's runtime to {@code host} unless it has it already. Blocks: never under the pool's lock. */
    static RemoteInstall copyRuntime(WorkerHost host, String classPath) throws IOException {
        return RemoteRuntime.of(classPath).ensureOn(host.prefix());
    }

    /**
     * A host that is down and whose wait is over, now up again on trial: one more failed start and it is down
     * for twice as long. Null if none. A remote host needs {@link #copied} first: a new shared connection, and
     * its runtime if it never got it.
     */
    WorkerHost dueForAnotherTry(long now) {
        for (State state : states) {
            if (state.down && !state.copying && now - state.probeAtNanos >= 0) {
                if (state.host.remote()) {
                    // Through the copying thread: a new shared connection first, then the runtime if it lacks it.
                    state.copying = true;
                } else {
                    state.down = false;
                    state.failuresInARow = STARTUP_FAILURES_TO_GIVE_UP - 1;
                }
                return state.host;
            }
        }
        return null;
    }

    /**
     * Takes {@code next} as the pool's hosts from now on, as GNU parallel does when its login file changes. A
     * host also in {@code next} (the same name and the same words before its workers' command) keeps its state
     * and its workers, with the count {@code next} gives; a new one is tried at once (a remote one after its
     * runtime is copied there); one left out starts no more workers and its shared connection is let go once
     * its sessions close. Workers beyond their host's new count are the caller's to retire.
     */
    void replace(List<WorkerHost> next, long now) {
        List<State> kept = new ArrayList<>();
        for (WorkerHost host : next) {
            State state = null;
            for (State old : states) {
                if (!kept.contains(old) && old.host.name().equals(host.name()) && old.host.prefix().equals(host.prefix())
                        && old.host.remote() == host.remote()) {
                    state = old;
                    break;
                }
            }
            if (state == null) {
                state = new State(host);
                byHost.put(host, state);
                if (host.remote()) {
                    // Not down for a failure: waiting for its first try, which copies its runtime first.
                    state.down = true;
                    state.untried = true;
                    state.probeAtNanos = now;
                }
            } else {
                state.quota = host.workers();
            }
            kept.add(state);
        }
        for (State old : states) {
            if (!kept.contains(old) && old.master != null) {
                old.master.close();
                old.master = null;
            }
        }
        states.clear();
        states.addAll(kept);
    }

    /** How many workers {@code host} is to run now: 0 for a host left out. */
    int quotaOf(WorkerHost host) {
        State state = byHost.get(host);
        return state != null && states.contains(state) ? state.quota : 0;
    }

    /** Whether {@code host} is waiting for its runtime to be copied before it is tried again. */
    boolean awaitsCopy(WorkerHost host) {
        return byHost.get(host).copying;
    }

    /** The runtime copy for another try ended: with the runtime the host is up on trial, without it down again. */
    void copied(WorkerHost host, RemoteInstall runtime, SshMaster master, String failure, long now) {
        State state = byHost.get(host);
        state.copying = false;
        state.untried = false;
        if (runtime != null) {
            if (state.master == null && states.contains(state)) {
                state.master = master;
            } else if (master != null) {
                master.close();
            }
            state.runtime = runtime;
            state.down = false;
            state.failuresInARow = STARTUP_FAILURES_TO_GIVE_UP - 1;
        } else {
            if (master != null) {
                master.close();
            }
            lastFailure = host.name() + ": " + failure;
            state.markDown(now);
        }
    }

    /** Whether some host is down and will be tried again: the pool's watch then goes on. */
    boolean hasHostsToTryAgain() {
        for (State state : states) {
            if (state.down) {
                return true;
            }
        }
        return false;
    }

    /** The runtime copied to a remote host; null on this machine and for launchers. */
    RemoteInstall runtimeOn(WorkerHost host) {
        return byHost.get(host).runtime;
    }

    /** A host that is up and has fewer workers than it is to run, in the order hosts were given; null if none. */
    WorkerHost withRoom(List<Worker> active) {
        for (State state : states) {
            if (state.down) {
                continue;
            }
            int running = 0;
            for (Worker worker : active) {
                if (worker.host() == state.host) {
                    running++;
                }
            }
            if (running < state.quota) {
                return state.host;
            }
        }
        return null;
    }

    /** A worker of {@code host} said hello: its host starts workers, and is tried again soon if it goes down. */
    void started(WorkerHost host) {
        State state = byHost.get(host);
        state.failuresInARow = 0;
        state.probeWaitNanos = FIRST_PROBE_AFTER_NANOS;
    }

    /** A worker of {@code host} could not start, for {@code why}; the host is down after a few in a row. */
    void startFailed(WorkerHost host, String why) {
        State state = byHost.get(host);
        lastFailure = isLocalOnly() ? why : host.name() + ": " + why;
        if (++state.failuresInARow >= STARTUP_FAILURES_TO_GIVE_UP && !state.down) {
            state.markDown(System.nanoTime());
        }
    }

    boolean allDown() {
        for (State state : states) {
            if (!state.down || state.untried) {
                return false;
            }
        }
        return true;
    }

    /** The last reason a worker could not start, with its host when the pool has several. */
    String lastFailure() {
        return lastFailure;
    }
}
