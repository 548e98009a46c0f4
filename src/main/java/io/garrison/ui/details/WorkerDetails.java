package io.garrison.ui.details;

import io.garrison.engine.WorkerId;
import io.garrison.engine.WorkerStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What the OS says about one worker process: uptime and CPU time from {@link ProcessHandle.Info}, resident
 * memory from {@code /proc/PID/status} where that exists (Linux). Any part the OS does not tell is empty. Only a
 * worker of this machine has details: a PID of another host names another process here, or none.
 */
public record WorkerDetails(long pid, boolean alive, Optional<Duration> uptime, Optional<Duration> cpuTime,
                            Optional<Long> residentKb, Optional<String> command) {

    /** Reads the details now; cheap (one small file read). Empty for a worker on another host. */
    public static Optional<WorkerDetails> of(WorkerId id) {
        return id.isLocal() ? Optional.of(of(id.pid())) : Optional.empty();
    }

    /** The details a live worker gave of itself, on whichever host it runs. */
    public static WorkerDetails of(WorkerStats stats) {
        return new WorkerDetails(stats.worker().pid(), true, stats.uptime(), stats.cpuTime(), stats.residentKb(),
                stats.command());
    }

    /** The details of a process of this machine. */
    static WorkerDetails of(long pid) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive()) {
            return new WorkerDetails(pid, false, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        }
        ProcessHandle.Info info = handle.get().info();
        Optional<Duration> uptime = info.startInstant().map(start -> Duration.between(start, Instant.now()));
        return new WorkerDetails(pid, true, uptime, info.totalCpuDuration(), residentKb(pid), info.command());
    }

    /** VmRSS of {@code /proc/PID/status}, in kB. */
    static Optional<Long> residentKb(long pid) {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        if (!Files.isReadable(status)) {
            return Optional.empty();
        }
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    return Optional.of(Long.parseLong(line.replaceAll("[^0-9]", "")));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // The process may have ended between the check and the read: then there is nothing to show.
            return Optional.empty();
        }
        return Optional.empty();
    }
}
