package io.garrison.engine;

import java.util.Objects;

/**
 * Which worker process: the host it runs on and its PID there. A PID alone names a process only on one machine;
 * workers on other hosts (reached over ssh) need the host to say which one is meant.
 *
 * @param host the host as the pool names it; {@link #LOCAL} for this machine
 * @param pid  the worker's OS process id on that host
 */
public record WorkerId(String host, long pid) {

    /** The host name of workers on this machine. */
    public static final String LOCAL = ":";

    public WorkerId {
        Objects.requireNonNull(host, "host");
    }

    /** A worker on this machine. */
    public static WorkerId local(long pid) {
        return new WorkerId(LOCAL, pid);
    }

    public boolean isLocal() {
        return LOCAL.equals(host);
    }

    /** The PID alone on this machine (as {@code ps} shows it), {@code host/pid} elsewhere. */
    @Override
    public String toString() {
        return isLocal() ? Long.toString(pid) : host + "/" + pid;
    }
}
