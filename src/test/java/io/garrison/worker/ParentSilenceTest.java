package io.garrison.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.garrison.protocol.MessageType;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real worker processes started with a short heartbeat limit, as a pool starts those on other hosts: they stay
 * while pings come and leave, with their own exit status, once the pings stop. Their stdin stays open throughout,
 * as it does for a worker whose network link is cut.
 */
@Timeout(60)
class ParentSilenceTest {

    private static final long LIMIT_MS = 1500;
    private static final long PING_PERIOD_MS = 300;
    /** Longer than several limits, so a worker that ignored the pings would have left within it. */
    private static final long PINGED_FOR_MS = 3 * LIMIT_MS;
    /** The JVM's start, the limit, the worker's once-a-second check, and room for a loaded machine. */
    private static final long LEAVES_WITHIN_MS = 15_000;

    @TempDir
    Path dir;

    @Test
    void aWorkerThatHearsNothingFromItsParentLeavesWithItsOwnStatusAndSaysWhy() throws Exception {
        long started = System.nanoTime();
        Process worker = startWorker("silent", List.of("-D" + MessageType.HEARTBEAT_PROPERTY + "=" + LIMIT_MS));
        try {
            assertThat(worker.waitFor(LEAVES_WITHIN_MS, TimeUnit.MILLISECONDS)).as("the worker leaves").isTrue();
            long ranMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

            assertThat(worker.exitValue()).isEqualTo(MessageType.PARENT_SILENT_EXIT_STATUS);
            assertThat(ranMs).as("not before the limit").isGreaterThanOrEqualTo(LIMIT_MS);
            assertThat(Files.readString(dir.resolve("silent.err"))).contains("nothing from the parent for")
                    .contains("limit is " + LIMIT_MS + " ms");
        } finally {
            worker.destroyForcibly();
        }
    }

    @Test
    void aPingedWorkerStaysAndLeavesOnlyOnceThePingsStopWhileOneWithoutAHeartbeatWaitsForItsParent() throws Exception {
        Process pinged = startWorker("pinged", List.of("-D" + MessageType.HEARTBEAT_PROPERTY + "=" + LIMIT_MS));
        Process patient = startWorker("patient", List.of());
        ScheduledExecutorService pinger = Executors.newSingleThreadScheduledExecutor();
        AtomicLong lastPingNanos = new AtomicLong();
        try {
            pinger.scheduleAtFixedRate(() -> {
                lastPingNanos.set(System.nanoTime());
                ping(pinged);
            }, 0, PING_PERIOD_MS, TimeUnit.MILLISECONDS);

            assertThat(pinged.waitFor(PINGED_FOR_MS, TimeUnit.MILLISECONDS)).as("the pinged worker stays: %s",
                    Files.readString(dir.resolve("pinged.err"))).isFalse();
            assertThat(patient.isAlive()).as("a worker without a heartbeat stays, silence or not").isTrue();

            pinger.shutdown();
            assertThat(pinger.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
            assertThat(pinged.waitFor(LEAVES_WITHIN_MS, TimeUnit.MILLISECONDS)).as("it leaves once the pings stop")
                    .isTrue();
            long silentMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastPingNanos.get());
            assertThat(pinged.exitValue()).isEqualTo(MessageType.PARENT_SILENT_EXIT_STATUS);
            assertThat(silentMs).as("not before the limit after the last ping").isGreaterThanOrEqualTo(LIMIT_MS);

            ping(patient);
            patient.getOutputStream().close();
            assertThat(patient.waitFor(LEAVES_WITHIN_MS, TimeUnit.MILLISECONDS)).as("end-of-file still ends it")
                    .isTrue();
            assertThat(patient.exitValue()).as("a ping is no unknown message: %s",
                    Files.readString(dir.resolve("patient.err"))).isZero();
        } finally {
            pinger.shutdownNow();
            pinged.destroyForcibly();
            patient.destroyForcibly();
        }
    }

    /** A worker on this test's class path, its stdin an open pipe, its stderr in {@code NAME.err}. */
    private Process startWorker(String name, List<String> properties) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-D" + MessageType.MARKER_PROPERTY + "=garrison-test:"));
        command.addAll(properties);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), WorkerMain.class.getName()));
        return new ProcessBuilder(command).redirectOutput(Redirect.DISCARD)
                .redirectError(dir.resolve(name + ".err").toFile()).start();
    }

    private static void ping(Process worker) {
        try {
            OutputStream stdin = worker.getOutputStream();
            stdin.write(MessageType.PING);
            stdin.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
