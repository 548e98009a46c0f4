package io.garrison.task;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.garrison.engine.ProcessPool;
import io.garrison.engine.RunSummary;
import io.garrison.engine.TaskRun;
import io.garrison.testing.Await;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What downloads leave in the output folder, and under which names: a real HTTP server on a loopback address,
 * real worker processes.
 */
@Timeout(120)
class DownloadLeftoversTest {

    private HttpServer server;
    private String base;
    private ProcessPool pool;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestURI().getPath().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
            exchange.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        pool = ProcessPool.builder().size(2).build();
    }

    @AfterEach
    void stop() {
        pool.terminate();
        server.stop(0);
    }

    @Test
    void aRunRemovesThePartFilesOfDeadProcessesAndNothingElse(@TempDir Path out) throws Exception {
        long dead = deadPid();
        long alive = ProcessHandle.current().pid();
        List<String> kept = List.of(
                ".garrison-" + alive + "-k3.part",            // a live process's download in progress
                ".garrison-" + dead + "-k3.part.keep",        // not the exact pattern
                ".garrison-" + dead + "-K3.part",
                ".garrison-" + dead + "-.part",
                ".garrison-x" + dead + "-k3.part",
                "garrison-" + dead + "-k3.part",
                "notes.txt");
        for (String name : kept) {
            Files.writeString(out.resolve(name), "keep");
        }
        Files.createDirectory(out.resolve(".garrison-" + dead + "-dir.part"));
        Files.write(out.resolve(".garrison-" + dead + "-1a2b.part"), new byte[1 << 20]);
        Files.write(out.resolve(".garrison-" + dead + "-zz.part"), new byte[10]);

        RunSummary summary = run(List.of(base + "/page.html"), out);

        assertThat(summary.succeeded()).isEqualTo(1);
        assertThat(listing(out)).containsExactlyInAnyOrderElementsOf(Stream.concat(kept.stream(),
                Stream.of(".garrison-" + dead + "-dir.part", "127.0.0.1_page.html")).toList());
    }

    @Test
    void aBareHostIsSavedAsIndexAndSharedNamesNeverGetTheirKeyInsideTheAddress(@TempDir Path out) throws Exception {
        List<String> urls = List.of(base, base + "/", base + "/data", base + "/data", base + "/data#top",
                base + "/a.b/data");
        RunSummary summary = run(urls, out);

        assertThat(summary.succeeded()).isEqualTo(6);
        assertThat(listing(out)).as("one file a URL; the same URL twice is one").containsExactlyInAnyOrder(
                "127.0.0.1_index__" + key(base) + ".html", "127.0.0.1_index__" + key(base + "/") + ".html",
                "127.0.0.1_data__" + key(base + "/data"), "127.0.0.1_data__" + key(base + "/data#top"),
                "127.0.0.1_a.b_data");
    }

    @Test
    void aRunStoppedMidBodyKeepsWhatCameAsThePartOfItsUrl(@TempDir Path out) throws Exception {
        byte[] body = new byte[200_000];
        new Random(7).nextBytes(body);
        CountDownLatch release = new CountDownLatch(1);
        server.createContext("/stalled.bin", exchange -> {
            exchange.getResponseHeaders().add("ETag", "\"s1\"");
            exchange.sendResponseHeaders(200, body.length);
            OutputStream half = exchange.getResponseBody();
            half.write(body, 0, body.length / 2);
            half.flush();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        String url = base + "/stalled.bin";
        Path part = out.resolve(".garrison-resume-" + key(url, 12) + ".part");
        try {
            TaskOptions options = TaskOptions.builder().outputDir(out).requestTimeoutMs(60_000).build();
            TaskRun run = TaskRun.start(pool, TaskList.of(url), "download", options, 1, Set.of());
            Await.await("half the body in a temporary file", () -> listing(out).stream().anyMatch(name ->
                    name.matches("\\.garrison-\\d+-[0-9a-z]+\\.part") && size(out.resolve(name)) == body.length / 2),
                    Duration.ofSeconds(30));

            pool.terminate();

            assertThat(run.await().failed()).isOne();
            Await.await("the body kept as the URL's part", () -> Files.exists(part), Duration.ofSeconds(30));
            assertThat(Files.readAllBytes(part)).isEqualTo(Arrays.copyOf(body, body.length / 2));
            assertThat(Files.readAllLines(out.resolve(".garrison-resume-" + key(url, 12) + ".validator")))
                    .containsExactly("\"s1\"");
            assertThat(listing(out)).hasSize(2);
        } finally {
            release.countDown();
        }
    }

    private RunSummary run(List<String> urls, Path out) throws InterruptedException {
        TaskOptions options = TaskOptions.builder().outputDir(out).requestTimeoutMs(10_000).build();
        TaskList tasks = new TaskListParser(TaskKinds.require("download"), options).parse(String.join("\n", urls));
        return TaskRun.start(pool, tasks, "download", options, 1, Set.of()).await();
    }

    /** What tells apart the files of URLs that would share a name: the first 8 hex digits of the URL's SHA-256. */
    private static String key(String url) throws Exception {
        return key(url, 8);
    }

    private static String key(String url, int digits) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8)))
                .substring(0, digits);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException gone) {
            return -1;
        }
    }

    /** The PID of a process that has exited and been reaped. */
    private static long deadPid() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        long pid = gone.pid();
        assertThat(ProcessHandle.of(pid)).isEmpty();
        return pid;
    }

    private static List<String> listing(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException notYet) {
            return List.of();
        }
    }
}
