package io.garrison.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.garrison.engine.WorkerId;
import io.garrison.stream.WatchConnection;
import io.garrison.stream.WatchException;
import io.garrison.stream.WatchRegistry;
import io.garrison.stream.WatchedRun;
import io.garrison.testing.Await;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code garrison run --watch-port}: real runs, watched over real loopback connections (docs/CLI.md). */
class WatchPortTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration LONG_ENOUGH = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    private Path runtime;
    private WatchRegistry registry;
    private final List<Process> started = new ArrayList<>();

    @BeforeEach
    void runtimeFolderOfItsOwn() throws IOException {
        runtime = Files.createDirectories(dir.resolve("runtime"));
        registry = new WatchRegistry(runtime.resolve("garrison"));
    }

    @AfterEach
    void endRuns() {
        for (Process process : started) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    @Test
    void aWatcherWhoComesMidRunGetsEveryEventFromTheStartAsTheRunPrintsThemThenTheEnd() throws Exception {
        Path list = sleeps(6, 400);
        Process run = start("run", "-k", "sleep", "-p", "2", "--json", "--watch-port", "0", list.toString());
        WatchedRun watched = awaitRegistered(run);
        assertThat(watched.list()).isEqualTo(list.toString());
        assertThat(watched.kind()).isEqualTo("sleep");
        Await.await("a task that succeeded before the watcher comes",
                () -> RunEvents.read(stdout()).stream().anyMatch(e -> e.path("type").asText().equals("task-succeeded")),
                LONG_ENOUGH);

        List<String> watchedLines;
        try (WatchConnection watcher = WatchConnection.open(registry, watched.port())) {
            watchedLines = readToTheEnd(watcher);
        }

        assertThat(run.waitFor(LONG_ENOUGH.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(run.exitValue()).isZero();
        assertThat(watchedLines).isEqualTo(Files.readAllLines(stdout(), StandardCharsets.UTF_8));
        assertThat(watchedLines.get(0)).contains("\"type\":\"worker-started\"");
        assertThat(watchedLines).anyMatch(line -> line.contains("\"type\":\"run-finished\""));
        assertThat(Files.readString(stderr())).contains("garrison: watch this run: garrison watch --port "
                + watched.port());
        assertThat(registry.liveRuns()).isEmpty();
        assertThat(Files.list(registry.folder())).isEmpty();
    }

    @Test
    void twoWatchersAtOnceEachGetTheWholeStreamWithoutJsonOnStdout() throws Exception {
        Process run = start("run", "-k", "sleep", "-p", "2", "--watch-port", "0", sleeps(6, 300).toString());
        WatchedRun watched = awaitRegistered(run);

        CompletableFuture<List<String>> first = CompletableFuture.supplyAsync(() -> watchWhole(watched));
        CompletableFuture<List<String>> second = CompletableFuture.supplyAsync(() -> watchWhole(watched));

        List<String> firstLines = first.get(LONG_ENOUGH.toSeconds(), TimeUnit.SECONDS);
        assertThat(second.get(LONG_ENOUGH.toSeconds(), TimeUnit.SECONDS)).isEqualTo(firstLines);
        assertThat(run.waitFor(LONG_ENOUGH.toSeconds(), TimeUnit.SECONDS)).isTrue();
        List<JsonNode> events = RunEvents.parse(String.join("\n", firstLines));
        assertThat(events).filteredOn(e -> e.path("type").asText().equals("task-succeeded")).hasSize(6);
        assertThat(events).filteredOn(e -> e.path("type").asText().equals("run-finished")).hasSize(1);
        // Plain output still goes to stdout: the watchers' events are the run's own, not its output's.
        assertThat(Files.readAllLines(stdout())).containsOnly("300");
    }

    @Test
    void aWrongTokenIsRefusedAndAPortWithoutARunIsNoSuchRun() throws Exception {
        Process run = start("run", "-k", "sleep", "-p", "1", "--watch-port", "0", sleeps(3, 300).toString());
        WatchedRun watched = awaitRegistered(run);
        WatchedRun guessed = new WatchedRun(watched.pid(), watched.port(), "0".repeat(32), watched.list(),
                watched.kind(), watched.started(), null);

        assertThatThrownBy(() -> WatchConnection.open(guessed))
                .isInstanceOfSatisfying(WatchException.class,
                        e -> assertThat(e.failure()).isEqualTo(WatchException.Failure.REFUSED_TOKEN));
        assertThatThrownBy(() -> WatchConnection.open(registry, watched.port() == 1 ? 2 : 1))
                .isInstanceOfSatisfying(WatchException.class,
                        e -> assertThat(e.failure()).isEqualTo(WatchException.Failure.NO_SUCH_RUN));
        assertThat(run.waitFor(LONG_ENOUGH.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(run.exitValue()).isZero();
    }

    @Test
    void aWatcherKillsAWorkerAndItsTaskIsRetriedOnAnother() throws Exception {
        Process run = start("run", "-k", "sleep", "-p", "1", "--retries", "1", "--watch-port", "0",
                sleeps(1, 2500).toString());
        WatchedRun watched = awaitRegistered(run);
        List<JsonNode> events = new ArrayList<>();
        try (WatchConnection watcher = WatchConnection.open(watched)) {
            JsonNode started = null;
            while (started == null) {
                JsonNode event = JSON.readTree(watcher.nextLine());
                events.add(event);
                if (event.path("type").asText().equals("task-started")) {
                    started = event;
                }
            }
            watcher.kill(WorkerId.local(started.path("pid").asLong()));
            for (String line : readToTheEnd(watcher)) {
                events.add(JSON.readTree(line));
            }
        }

        long killed = events.stream().filter(e -> e.path("type").asText().equals("task-started")).findFirst()
                .orElseThrow().path("pid").asLong();
        assertThat(events).anySatisfy(e -> {
            assertThat(e.path("type").asText()).isEqualTo("worker-exited");
            assertThat(e.path("pid").asLong()).isEqualTo(killed);
            assertThat(e.path("expected").asBoolean()).isFalse();
        });
        assertThat(events).anySatisfy(e -> {
            assertThat(e.path("type").asText()).isEqualTo("task-started");
            assertThat(e.path("attempt").asInt()).isEqualTo(2);
            assertThat(e.path("pid").asLong()).isNotEqualTo(killed);
        });
        JsonNode finished = events.stream().filter(e -> e.path("type").asText().equals("run-finished")).findFirst()
                .orElseThrow();
        assertThat(finished.path("succeeded").asInt()).isEqualTo(1);
        assertThat(run.waitFor(LONG_ENOUGH.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(run.exitValue()).isZero();
        assertThat(Files.readString(stderr())).as("the run's user hears of it")
                .contains("garrison: a watcher asked to kill worker " + killed + ": killed");
    }

    @Test
    void aWatcherThatStopsReadingIsCutOffAndTheRunStillEnds() throws Exception {
        Process run = start("run", "--json", "--watch-port", "0", "-");
        WatchedRun watched = awaitRegistered(run);
        try (Socket silent = new Socket()) {
            // A small window: the run's sender blocks soon after the kernel's buffers are full.
            silent.setReceiveBufferSize(4096);
            silent.connect(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), watched.port()));
            OutputStream token = silent.getOutputStream();
            token.write((watched.token() + "\n").getBytes(StandardCharsets.UTF_8));
            token.flush();
            // The list comes only now, so the whole run happens while this watcher is connected. Its 80,000 tasks
            // make some 17 MB of events, well beyond what the kernel buffers for a connection (4 MB at most here).
            try (OutputStream stdin = run.getOutputStream()) {
                stdin.write(IntStream.rangeClosed(1, 80_000).mapToObj(Integer::toString)
                        .collect(Collectors.joining("\n", "", "\n")).getBytes(StandardCharsets.US_ASCII));
            }

            assertThat(run.waitFor(LONG_ENOUGH.toSeconds(), TimeUnit.SECONDS)).as("the run ends").isTrue();
            assertThat(run.exitValue()).isZero();
            assertThat(Files.readString(stderr())).contains("was cut off");
            assertThat(registry.liveRuns()).isEmpty();
            assertThat(lastLineBeforeTheEnd(silent.getInputStream())).isNotEqualTo("{\"watch\":\"end\"}");
        }
        assertThat(RunEvents.read(stdout())).last().satisfies(e -> assertThat(e.path("type").asText())
                .isEqualTo("worker-exited"));
    }

    private Process start(String... args) throws IOException {
        Process process = CliProcess.start(dir, List.of(), Map.of("XDG_RUNTIME_DIR", runtime.toString()), stdout(),
                stderr(), args);
        started.add(process);
        return process;
    }

    private Path stdout() {
        return dir.resolve("stdout.txt");
    }

    private Path stderr() {
        return dir.resolve("stderr.txt");
    }

    private WatchedRun awaitRegistered(Process run) {
        return Await.await("the run in the registry", () -> registry.byPid(run.pid()), LONG_ENOUGH);
    }

    private Path sleeps(int tasks, int ms) throws IOException {
        return Files.writeString(dir.resolve("sleeps.txt"), (ms + "\n").repeat(tasks));
    }

    private static List<String> readToTheEnd(WatchConnection watcher) throws WatchException {
        List<String> lines = new ArrayList<>();
        String line;
        while ((line = watcher.nextLine()) != null) {
            lines.add(line);
        }
        return lines;
    }

    private static List<String> watchWhole(WatchedRun run) {
        try (WatchConnection watcher = WatchConnection.open(run)) {
            return readToTheEnd(watcher);
        } catch (WatchException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last whole line a connection carried before it ended, however it ended. */
    private static String lastLineBeforeTheEnd(InputStream in) {
        String last = "";
        StringBuilder line = new StringBuilder();
        try {
            byte[] buffer = new byte[1 << 16];
            int read;
            while ((read = in.read(buffer)) > 0) {
                for (int i = 0; i < read; i++) {
                    if (buffer[i] == '\n') {
                        last = line.toString();
                        line.setLength(0);
                    } else {
                        line.append((char) buffer[i]);
                    }
                }
            }
        } catch (IOException reset) {
            // a connection cut off may end in a reset
        }
        return last;
    }
}
