package io.garrison.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.garrison.testing.Await;
import io.garrison.testing.LoopbackSshd;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workers on another host, reached by the system's ssh: a real sshd on 127.0.0.1 with throwaway keys stands in
 * for a lab PC. The worker's runtime is copied there once per class path (a cache folder of this test class).
 */
@Timeout(300)
class RemoteHostsTest {

    @TempDir
    static Path cache;

    @TempDir
    Path dir;

    private static String cacheOption;

    @BeforeAll
    static void cacheOnTheRemoteSide() {
        cacheOption = "-Dgarrison.remote.cache=" + cache.resolve("remote");
    }

    @Test
    void remoteWorkersRunTasksThroughSshdAndTheRunSurvivesAKilledWorkerAndTheHostDying() throws Exception {
        try (LoopbackSshd sshd = LoopbackSshd.start(dir)) {
            Path list = Files.writeString(dir.resolve("waits.txt"), "700\n".repeat(16));
            Path stdout = dir.resolve("events.ndjson");
            Process run = start(stdout, "run", "--ssh", "ssh -F " + sshd.clientConfig(), "-S", "2/lab", "-S", "1/:",
                    "-k", "sleep", "--retries", "2", "--json", list.toString());
            try {
                // A remote worker is a child of sshd's session, not of garrison: its parent chain says so.
                long remotePid = Await.await("a worker on lab", () -> workerStartedOn("lab", stdout),
                        Duration.ofSeconds(120));
                assertThat(sshd.sessionProcesses()).extracting(ProcessHandle::pid).contains(remotePid);
                assertThat(run.descendants().map(ProcessHandle::pid).toList()).doesNotContain(remotePid);

                Await.await("a task done on lab", () -> events(stdout).stream().anyMatch(e ->
                        e.get("type").asText().equals("task-succeeded") && e.path("host").asText().equals("lab")),
                        Duration.ofSeconds(60));
                Await.await("the next task started on lab", () -> taskStartedOn(remotePid, stdout, 2),
                        Duration.ofSeconds(60));
                ProcessHandle.of(remotePid).ifPresent(ProcessHandle::destroyForcibly);
                Await.await("a task's second attempt", () -> events(stdout).stream().anyMatch(e ->
                        e.get("type").asText().equals("task-started") && e.get("attempt").asInt() == 2),
                        Duration.ofSeconds(60));

                sshd.killWithSessions();
                assertThat(run.waitFor(180, TimeUnit.SECONDS)).as("the run ends").isTrue();
                assertThat(run.exitValue()).isZero();
            } finally {
                run.descendants().forEach(ProcessHandle::destroyForcibly);
                run.destroyForcibly();
            }

            List<JsonNode> events = events(stdout);
            Map<Integer, Integer> successes = new HashMap<>();
            for (JsonNode event : events) {
                if (event.get("type").asText().equals("task-succeeded")) {
                    successes.merge(event.get("task").asInt(), 1, Integer::sum);
                }
            }
            assertThat(successes).hasSize(16).allSatisfy((task, count) -> assertThat(count).isOne());
            assertThat(events).anySatisfy(e -> {
                assertThat(e.get("type").asText()).isEqualTo("task-succeeded");
                assertThat(e.path("host").asText()).isEqualTo("lab");
            });
            assertThat(events).filteredOn(e -> e.get("type").asText().equals("worker-started"))
                    .extracting(e -> e.get("host").asText()).contains("lab", ":");
            assertThat(sshd.sessionProcesses()).as("nothing left on the remote side").isEmpty();
        }
    }

    @Test
    void tasksLostWithTheirHostRunAgainWithoutRetriesAndTheJoblogNamesWhereEachRan() throws Exception {
        try (LoopbackSshd sshd = LoopbackSshd.start(dir)) {
            Path list = Files.writeString(dir.resolve("waits.txt"), "1500\n".repeat(6));
            Path stdout = dir.resolve("events.ndjson");
            Path joblog = dir.resolve("jobs.tsv");
            Process run = start(stdout, "run", "--ssh", "ssh -F " + sshd.clientConfig(), "-S", "1/lab", "-S", "1/:",
                    "-k", "sleep", "--retries", "0", "--joblog", joblog.toString(), "--json", list.toString());
            try {
                long remotePid = Await.await("a worker on lab", () -> workerStartedOn("lab", stdout),
                        Duration.ofSeconds(120));
                Await.await("a task running on lab", () -> taskStartedOn(remotePid, stdout, 1), Duration.ofSeconds(60));

                sshd.killWithSessions();

                assertThat(run.waitFor(180, TimeUnit.SECONDS)).as("the run ends").isTrue();
                assertThat(run.exitValue()).as(Files.readString(dir.resolve("stderr.txt"))).isZero();
            } finally {
                run.descendants().forEach(ProcessHandle::destroyForcibly);
                run.destroyForcibly();
            }
            List<JsonNode> events = events(stdout);
            assertThat(events).filteredOn(e -> e.get("type").asText().equals("task-succeeded")).hasSize(6);
            assertThat(events).as("the task lost with lab ran again, with --retries 0")
                    .anySatisfy(e -> {
                        assertThat(e.get("type").asText()).isEqualTo("task-started");
                        assertThat(e.get("attempt").asInt()).isEqualTo(2);
                    });
            List<String> rows = Files.readAllLines(joblog);
            assertThat(rows.get(0)).endsWith("\tinput\thost");
            assertThat(rows.subList(1, rows.size())).hasSize(6)
                    .allSatisfy(row -> assertThat(row.substring(row.lastIndexOf('\t') + 1)).isIn("lab", ":"))
                    .anySatisfy(row -> assertThat(row).endsWith("\t:"));
        }
    }

    @Test
    void aHostThatIsDownWhenTheRunStartsJoinsItWhenItComesBack() throws Exception {
        try (LoopbackSshd sshd = LoopbackSshd.start(dir)) {
            sshd.killWithSessions();
            Path list = Files.writeString(dir.resolve("waits.txt"), "300\n".repeat(200));
            Path stdout = dir.resolve("events.ndjson");
            Process run = start(stdout, "run", "--ssh", "ssh -F " + sshd.clientConfig(), "-S", "1/lab", "-S", "1/:",
                    "-k", "sleep", "--json", list.toString());
            try {
                Await.await("a task done on this machine", () -> events(stdout).stream().anyMatch(e ->
                        e.get("type").asText().equals("task-succeeded")), Duration.ofSeconds(60));
                assertThat(workerStartedOn("lab", stdout)).isEmpty();

                sshd.restart();

                long remotePid = Await.await("a worker on lab once it is back", () -> workerStartedOn("lab", stdout),
                        Duration.ofSeconds(90));
                Await.await("a task done on lab", () -> taskStartedOn(remotePid, stdout, 2), Duration.ofSeconds(60));
                run.getOutputStream().close();
                ProcessHandle.of(run.pid()).ifPresent(ProcessHandle::destroy);
                assertThat(run.waitFor(60, TimeUnit.SECONDS)).as("the run ends when asked").isTrue();
            } finally {
                run.descendants().forEach(ProcessHandle::destroyForcibly);
                run.destroyForcibly();
            }
            Await.await("nothing left on lab", () -> sshd.sessionProcesses().isEmpty(), Duration.ofSeconds(30));
        }
    }

    @Test
    void aHostAddedToTheLoginFileJoinsTheRunAndOneTakenOutLeavesIt() throws Exception {
        try (LoopbackSshd sshd = LoopbackSshd.start(dir)) {
            Path logins = Files.writeString(dir.resolve("hosts.txt"), "# this PC only, to begin with\n1/:\n");
            Path list = Files.writeString(dir.resolve("waits.txt"), "300\n".repeat(60));
            Path stdout = dir.resolve("events.ndjson");
            Process run = start(stdout, "run", "--ssh", "ssh -F " + sshd.clientConfig(), "--sshloginfile",
                    logins.toString(), "-k", "sleep", "--json", list.toString());
            try {
                long localPid = Await.await("a worker on this PC", () -> workerStartedOn(":", stdout),
                        Duration.ofSeconds(60));

                Await.await("a task done", () -> events(stdout).stream().anyMatch(e ->
                        e.get("type").asText().equals("task-succeeded")), Duration.ofSeconds(60));

                // This PC leaves while lab is still being readied: the run waits for lab rather than giving up.
                Files.writeString(logins, "2/lab\n");
                Await.await("this PC's worker leaves", () -> events(stdout).stream().anyMatch(e ->
                        e.get("type").asText().equals("worker-exited") && e.get("pid").asLong() == localPid
                                && e.get("expected").asBoolean()), Duration.ofSeconds(30));
                long remotePid = Await.await("a worker on lab", () -> workerStartedOn("lab", stdout),
                        Duration.ofSeconds(90));
                Await.await("a task on lab", () -> taskStartedOn(remotePid, stdout, 1), Duration.ofSeconds(60));

                assertThat(run.waitFor(120, TimeUnit.SECONDS)).as("the run ends").isTrue();
                assertThat(run.exitValue()).as(Files.readString(dir.resolve("stderr.txt"))).isZero();
            } finally {
                run.descendants().forEach(ProcessHandle::destroyForcibly);
                run.destroyForcibly();
            }
            List<JsonNode> events = events(stdout);
            assertThat(events).filteredOn(e -> e.get("type").asText().equals("task-succeeded")).hasSize(60);
            assertThat(events).filteredOn(e -> e.get("type").asText().equals("worker-started"))
                    .extracting(e -> e.get("host").asText()).containsOnly(":", "lab").filteredOn("lab"::equals)
                    .hasSize(2);
            Await.await("nothing left on lab", () -> sshd.sessionProcesses().isEmpty(), Duration.ofSeconds(30));
        }
    }

    @Test
    void aSecondRunFindsTheRuntimeInTheCacheAndAnUnreachableHostIsLeftOut() throws Exception {
        try (LoopbackSshd sshd = LoopbackSshd.start(dir)) {
            String ssh = "ssh -F " + sshd.clientConfig();
            CliProcess first = CliProcess.run(dir, List.of(cacheOption), "1\n2\n3\n", "run", "--ssh", ssh, "-S", "1/lab",
                    "-");
            assertThat(first.exitCode()).as(first.stderr()).isZero();
            List<Path> runtimes;
            try (var listing = Files.list(cache.resolve("remote"))) {
                runtimes = listing.toList();
            }
            assertThat(runtimes).hasSize(1);
            assertThat(runtimes.get(0).resolve(".complete")).exists();
            long copied = Files.getLastModifiedTime(runtimes.get(0).resolve(".complete")).toMillis();

            CliProcess second = CliProcess.run(dir, List.of(cacheOption), "4\n", "run", "--ssh", ssh, "-S", "1/lab",
                    "-S", "1/nosuchhost.invalid", "--json", "-");

            assertThat(second.exitCode()).as(second.stderr()).isZero();
            assertThat(second.stdout()).contains("\"result\":\"16\"");
            assertThat(Files.getLastModifiedTime(runtimes.get(0).resolve(".complete")).toMillis()).isEqualTo(copied);
            try (var listing = Files.list(cache.resolve("remote"))) {
                assertThat(listing.toList()).as("no second copy, no leftover part").hasSize(1);
            }
        }
    }

    @Test
    void aHostWithoutJavaGetsThisMachinesRuntimeOnce() throws Exception {
        try (LoopbackSshd sshd = LoopbackSshd.startWithoutJava(dir)) {
            Process which = new ProcessBuilder("ssh", "-F", sshd.clientConfig().toString(), "lab",
                    "command -v java || echo none").redirectErrorStream(true).start();
            assertThat(new String(which.getInputStream().readAllBytes()).strip()).as("java on lab").isEqualTo("none");
            Path remoteCache = dir.resolve("bare-cache");
            List<String> jvm = List.of("-Dgarrison.remote.cache=" + remoteCache);
            String ssh = "ssh -F " + sshd.clientConfig();

            CliProcess first = CliProcess.run(dir, jvm, "1\n2\n3\n", "run", "--ssh", ssh, "-S", "1/lab", "-");

            assertThat(first.exitCode()).as(first.stderr()).isZero();
            assertThat(first.stdout().lines().sorted().toList()).containsExactly("1", "4", "9");
            Path java;
            try (var listing = Files.list(remoteCache)) {
                java = listing.filter(p -> p.getFileName().toString().startsWith("java-")).findFirst().orElseThrow();
            }
            assertThat(java.resolve("bin/java")).isExecutable();
            long copied = Files.getLastModifiedTime(java.resolve(".complete")).toMillis();

            CliProcess second = CliProcess.run(dir, jvm, "4\n", "run", "--ssh", ssh, "-S", "1/lab", "-");

            assertThat(second.exitCode()).as(second.stderr()).isZero();
            assertThat(second.stdout().strip()).isEqualTo("16");
            assertThat(Files.getLastModifiedTime(java.resolve(".complete")).toMillis()).as("copied once").isEqualTo(copied);
        }
    }

    @Test
    void aParentKilledWithSigkillLeavesNothingRunningHereOrOnTheHost() throws Exception {
        try (LoopbackSshd sshd = LoopbackSshd.start(dir)) {
            Path list = Files.writeString(dir.resolve("waits.txt"), "60000\n".repeat(4));
            Path stdout = dir.resolve("events.ndjson");
            Process run = start(stdout, "run", "--ssh", "ssh -F " + sshd.clientConfig(), "-S", "2/lab", "-k", "sleep",
                    list.toString());
            List<ProcessHandle> ours;
            try {
                Await.await("two workers busy on lab", () -> sshd.sessionProcesses().stream()
                        .filter(p -> p.info().commandLine().orElse("").contains("WorkerMain")).count() == 2,
                        Duration.ofSeconds(120));
                ours = run.descendants().toList();
                assertThat(ours).as("ssh clients and the shared connection")
                        .anyMatch(p -> p.info().command().orElse("").endsWith("/ssh"));

                run.destroyForcibly();
                run.waitFor();
            } finally {
                run.descendants().forEach(ProcessHandle::destroyForcibly);
            }
            try {
                Await.await("the ssh processes of the killed run gone", () -> ours.stream()
                        .noneMatch(ProcessHandle::isAlive), Duration.ofSeconds(60));
                Await.await("nothing left on lab", () -> sshd.sessionProcesses().isEmpty(), Duration.ofSeconds(60));
            } finally {
                ours.forEach(ProcessHandle::destroyForcibly);
            }
        }
    }

    @Test
    void aLoginThatIsNoLoginExitsTwoNamingIt() throws Exception {
        CliProcess run = CliProcess.run(dir, "1\n", "run", "-S", "2/a b", "-");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("2/a b").doesNotContain("Exception");
    }

    private Process start(Path stdout, String... args) throws IOException {
        return CliProcess.start(dir, List.of(cacheOption), stdout, dir.resolve("stderr.txt"), args);
    }

    private static Optional<Long> workerStartedOn(String host, Path stdout) {
        return events(stdout).stream().filter(e -> e.get("type").asText().equals("worker-started")
                && e.path("host").asText().equals(host)).map(e -> e.get("pid").asLong()).findFirst();
    }

    private static boolean taskStartedOn(long pid, Path stdout, int count) {
        return events(stdout).stream().filter(e -> e.get("type").asText().equals("task-started")
                && e.get("pid").asLong() == pid).count() >= count;
    }

    private static List<JsonNode> events(Path stdout) {
        return RunEvents.read(stdout);
    }
}
