package io.garrison.worker;

import io.garrison.protocol.FrameOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * What a worker process knows of itself for the parent's Details: uptime, CPU time and command from the JDK, resident
 * memory from {@code /proc/self/status} where that exists (Linux); -1 for what its system does not tell.
 */
final class OwnStats {

    private OwnStats() {
    }

    static void writeTo(FrameOutput out) {
        ProcessHandle.Info info = ProcessHandle.current().info();
        out.writeLong(info.startInstant().map(start -> Duration.between(start, Instant.now()).toMillis()).orElse(-1L));
        out.writeLong(info.totalCpuDuration().map(Duration::toMillis).orElse(-1L));
        out.writeLong(residentKb());
        out.writeString(info.command().orElse(""));
    }

    private static long residentKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException | SecurityException noProc) {
            // Not Linux, or /proc not mounted: the parent shows the memory as unknown.
        }
        return -1;
    }
}
