package io.garrison.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.garrison.testing.Await;
import io.garrison.testing.LoopbackSshd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker on another host cut off from its pool, as by a network partition: the ssh client that carries its
 * pipes is stopped (SIGSTOP), so the TCP connection stays open and sshd never closes the worker's stdin. The
 * worker leaves because the pool's pings stop, taking the command its task ran with it. The pool's limit is
 * lowered, so the test waits for seconds of silence instead of the default twenty.
 */
@Timeout(300)
class RemoteHeartbeatTest {

    private static final long LIMIT_MS = 3000;

    @TempDir
    Path dir;

    @Test
    void aRemoteWorkerCutOffFromItsPoolLeavesWithItsCommandAndItsTaskRunsAgain() throws Exception {
        try (LoopbackSshd sshd = LoopbackSshd.start(dir)) {
            // The first attempt makes the folder and sleeps until it is killed; the second finds it and succeeds.
            Path once = dir.resolve("once");
            Path list = Files.writeString(dir.resolve("list.txt"), once + "\n");
            Path stdout = dir.resolve("events.ndjson");
            Process run = CliProcess.start(dir, List.of("-Dgarrison.remote.cache=" + dir.resolve("remote"),
                    "-Dgarrison.remote.heartbeatMillis=" + LIMIT_MS), stdout, dir.resolve("stderr.txt"),
                    "run", "--ssh", "ssh -F " + sshd.clientConfig(), "-S", "1/lab", "-k", "command",
                    "-c", "sh -c 'mkdir \"$0\" 2>/dev/null && exec sleep 120; exit 0' {}", "--retries", "2", "--json",
                    list.toString());
            List<Long> stopped = new ArrayList<>();
            try {
                long remotePid = Await.await("a worker on lab", () -> workerStartedOn("lab", stdout),
                        Duration.ofSeconds(120));
                ProcessHandle worker = ProcessHandle.of(remotePid).orElseThrow();
                List<ProcessHandle> command = Await.await("the command of the worker's task", () -> {
                    List<ProcessHandle> started = worker.descendants().toList();
                    return started.stream().anyMatch(p -> p.info().command().orElse("").endsWith("/sleep"))
                            ? Optional.of(started) : Optional.empty();
                }, Duration.ofSeconds(60));
                assertThat(exitsWithin(worker, 2 * LIMIT_MS)).as("a pinged worker stays past its limit").isFalse();

                // The connection to lab that the pool's logins share: its ssh carries the worker's stdin (a worker's
                // own ssh hands its stdin over to it), so stopping it is the link going silent.
                List<ProcessHandle> clients = run.descendants()
                        .filter(p -> p.info().command().orElse("").endsWith("/ssh"))
                        .filter(p -> List.of(p.info().arguments().orElse(new String[0])).contains("ControlMaster=yes"))
                        .toList();
                assertThat(clients).as("the connection to lab").hasSize(1);
                long cutOff = System.nanoTime();
                LoopbackSshd.signal("STOP", List.of(clients.get(0).pid()));
                stopped.add(clients.get(0).pid());

                Await.await("the cut-off worker and its command to leave", () -> !LoopbackSshd.isRunning(remotePid)
                        && command.stream().noneMatch(p -> LoopbackSshd.isRunning(p.pid())), Duration.ofSeconds(30));
                long leftAfterMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - cutOff);
                assertThat(leftAfterMs).as("it waited for the silence to last").isGreaterThanOrEqualTo(LIMIT_MS / 2);

                LoopbackSshd.signal("CONT", stopped);
                assertThat(run.waitFor(180, TimeUnit.SECONDS)).as("the run ends").isTrue();
                assertThat(run.exitValue()).as(Files.readString(dir.resolve("stderr.txt"))).isZero();
            } finally {
                LoopbackSshd.signal("CONT", stopped);
                run.descendants().forEach(ProcessHandle::destroyForcibly);
                run.destroyForcibly();
            }

            List<JsonNode> events = RunEvents.read(stdout);
            // The resumed ssh client passes on the status the worker left with: the pool's first exit says why.
            assertThat(events).filteredOn(e -> e.get("type").asText().equals("worker-exited")).first().satisfies(e -> {
                assertThat(e.get("exitCode").asInt()).isEqualTo(4);
                assertThat(e.get("reason").asText())
                        .isEqualTo("died (exit code 4: it heard nothing from the pool for too long)");
            });
            assertThat(events).as("%s", events).filteredOn(e -> e.get("type").asText().equals("task-started"))
                    .extracting(e -> e.get("attempt").asInt()).containsExactly(1, 2);
            assertThat(events).filteredOn(e -> e.get("type").asText().equals("task-succeeded")).hasSize(1);
        }
    }

    /** Whether {@code process} exits within {@code millis}; a bound wait for an exit that should not come. */
    private static boolean exitsWithin(ProcessHandle process, long millis) throws InterruptedException {
        try {
            process.onExit().get(millis, TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException stillRunning) {
            return false;
        } catch (ExecutionException e) {
            throw new AssertionError(e);
        }
    }

    private static Optional<Long> workerStartedOn(String host, Path stdout) {
        return RunEvents.read(stdout).stream().filter(e -> e.get("type").asText().equals("worker-started")
                && e.path("host").asText().equals(host)).map(e -> e.get("pid").asLong()).findFirst();
    }
}
