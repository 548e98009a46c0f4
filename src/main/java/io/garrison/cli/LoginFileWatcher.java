package io.garrison.cli;

import io.garrison.engine.ProcessPool;
import io.garrison.engine.WorkerHost;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Reads {@code --sshloginfile} again when it changes while a run goes on, as GNU parallel does (at most once a
 * second), and runs the pool on the hosts it names from then on: a lab PC added to the file joins the run, one
 * removed leaves once its tasks are done. A file that cannot be used as it now is leaves the hosts as they
 * were, with one line saying why.
 */
final class LoginFileWatcher implements AutoCloseable {

    private static final long LOOK_EVERY_MS = 1000;

    private final Thread thread;
    private volatile boolean closed;

    private LoginFileWatcher(Path file, Supplier<List<WorkerHost>> hosts, ProcessPool pool, PrintStream err) {
        thread = new Thread("garrison-login-file") {
            @Override
            public void run() {
                watch(file, hosts, pool, err);
            }
        };
        thread.setDaemon(true);
    }

    /**
     * Starts watching {@code file}; {@code hosts} reads the hosts the options name now (it may log in to ask a
     * host's processors, so it runs on the watcher's thread) and throws IllegalArgumentException with the words
     * to print when it cannot.
     */
    static LoginFileWatcher start(Path file, Supplier<List<WorkerHost>> hosts, ProcessPool pool, PrintStream err) {
        LoginFileWatcher watcher = new LoginFileWatcher(file, hosts, pool, err);
        watcher.thread.start();
        return watcher;
    }

    private void watch(Path file, Supplier<List<WorkerHost>> hosts, ProcessPool pool, PrintStream err) {
        Object seen = stamp(file);
        while (!closed) {
            try {
                TimeUnit.MILLISECONDS.sleep(LOOK_EVERY_MS);
            } catch (InterruptedException e) {
                return;
            }
            Object now = stamp(file);
            if (closed || Objects.equals(now, seen)) {
                continue;
            }
            seen = now;
            try {
                List<WorkerHost> next = hosts.get();
                if (next == null || next.isEmpty()) {
                    err.println(CliText.get("cli.run.loginFileNotUsed", file, CliText.get("cli.run.loginFileEmpty")));
                } else if (!closed) {
                    pool.changeHosts(next);
                }
            } catch (IllegalArgumentException e) {
                err.println(CliText.get("cli.run.loginFileNotUsed", file, e.getMessage()));
            }
        }
    }

    /** What says the file changed: its modification time and size, or null while it is missing. */
    private static Object stamp(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return List.of(attributes.lastModifiedTime(), attributes.size());
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
