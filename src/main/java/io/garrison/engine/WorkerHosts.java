package io.garrison.engine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The hosts a pool's workers run on, and how each is doing: how many workers it is to run, whether it can start
 * them. A host whose workers fail to start {@value #STARTUP_FAILURES_TO_GIVE_UP} times in a row is down; the
 * pool goes on with the others and halts only when every host is down. On a pool of one host (this machine,
 * as most are) that is the rule it always had: three failed starts in a row halt it.
 *
 * <p>Threading: accessed only under the pool's lock, but for {@link #prepare}, which runs before any worker.
 */
final class WorkerHosts {

    static final int STARTUP_FAILURES_TO_GIVE_UP = 3;

    /** One host's state. */
    private static final class State {
        final WorkerHost host;
        int quota;
        int failuresInARow;
        boolean down;
        RemoteRuntime runtime;

        State(WorkerHost host) {
            this.host = host;
            this.quota = host.workers();
        }
    }

    private final List<State> states = new ArrayList<>();
    private final Map<String, State> byName = new HashMap<>();
    private String lastFailure = "";

    WorkerHosts(List<WorkerHost> hosts) {
        for (WorkerHost host : hosts) {
            State state = new State(host);
            states.add(state);
            byName.put(host.name(), state);
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
            try {
                RemoteRuntime runtime = RemoteRuntime.of(classPath);
                runtime.ensureOn(state.host.prefix());
                state.runtime = runtime;
            } catch (IOException | RuntimeException e) {
                state.down = true;
                lastFailure = state.host.name() + ": " + e.getMessage();
            }
        }
    }

    /** The runtime copied to a remote host; null on this machine and for launchers. */
    RemoteRuntime runtimeOn(WorkerHost host) {
        return byName.get(host.name()).runtime;
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

    /** A worker of {@code host} said hello: its host starts workers. */
    void started(WorkerHost host) {
        byName.get(host.name()).failuresInARow = 0;
    }

    /** A worker of {@code host} could not start, for {@code why}; the host is down after a few in a row. */
    void startFailed(WorkerHost host, String why) {
        State state = byName.get(host.name());
        lastFailure = isLocalOnly() ? why : host.name() + ": " + why;
        if (++state.failuresInARow >= STARTUP_FAILURES_TO_GIVE_UP) {
            state.down = true;
        }
    }

    boolean allDown() {
        for (State state : states) {
            if (!state.down) {
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
