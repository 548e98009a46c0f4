package io.garrison.engine;

import java.time.Duration;
import java.util.Optional;

/**
 * How a worker's process is doing, as the worker tells it about itself: on another host too, where a PID names
 * no process of this machine. Any part its system does not tell is empty.
 *
 * @param worker     which worker
 * @param uptime     since its process started
 * @param cpuTime    the CPU time its process has used
 * @param residentKb its resident memory, in kB
 * @param command    the program its process runs
 */
public record WorkerStats(WorkerId worker, Optional<Duration> uptime, Optional<Duration> cpuTime,
                          Optional<Long> residentKb, Optional<String> command) {
}
