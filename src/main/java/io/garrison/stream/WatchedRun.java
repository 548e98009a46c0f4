package io.garrison.stream;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A run that serves its events to watchers on this machine ({@code garrison run --watch-port}), as its file in the
 * {@link WatchRegistry} describes it.
 *
 * @param pid     the run's process
 * @param port    its loopback port
 * @param token   what a watcher must send first; kept out of {@link #toString()}
 * @param list    the task list as the run was given it ({@code -} for standard input)
 * @param kind    the task kind
 * @param started when the run registered
 * @param spool   the file the run keeps its events in while it runs, removed with a stale entry; null if unknown
 */
public record WatchedRun(long pid, int port, String token, String list, String kind, Instant started, Path spool) {

    @Override
    public String toString() {
        return "WatchedRun[pid=" + pid + ", port=" + port + ", list=" + list + ", kind=" + kind + ", started="
                + started + "]";
    }
}
