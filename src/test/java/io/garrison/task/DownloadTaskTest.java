package io.garrison.task;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.garrison.engine.PoolEvent;
import io.garrison.engine.ProcessPool;
import io.garrison.engine.RunSummary;
import io.garrison.engine.TaskRun;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Downloads from a real HTTP server on 127.0.0.1, inside real worker processes. */
@Timeout(120)
class DownloadTaskTest {

    private HttpServer server;
    private String base;
    private final Map<String, byte[]> pages = new ConcurrentHashMap<>();
    private ProcessPool pool;
    private final List<PoolEvent> events = new CopyOnWriteArrayList<>();
    /** Removed by the server while it answers {@code /folder-removed.bin}, before the worker saves anything. */
    private volatile Path folderToRemove;

    @BeforeEach
    void startServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        Random random = new Random(42);
        for (int i = 0; i < 6; i++) {
            byte[] body = new byte[1000 + random.nextInt(300_000)];
            random.nextBytes(body);
            pages.put("/page" + i + ".bin", body);
        }
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            byte[] body = pages.get(path);
            if (path.startsWith("/hop/")) {
                int left = Integer.parseInt(path.substring(5));
                exchange.getResponseHeaders().add("Location", left == 0 ? "/page0.bin" : "/hop/" + (left - 1));
                exchange.sendResponseHeaders(302, -1);
            } else if (path.equals("/slow.bin")) {
                byte[] slow = new byte[200_000];
                exchange.sendResponseHeaders(200, slow.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(slow, 0, 100_000);
                    out.flush();
                    Thread.sleep(600);
                    out.write(slow, 100_000, 100_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            } else if (path.equals("/folder-removed.bin")) {
                Files.delete(folderToRemove);
                exchange.sendResponseHeaders(200, 3);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(new byte[] {1, 2, 3});
                }
            } else if (path.equals("/truncated")) {
                exchange.sendResponseHeaders(200, 100_000);
                exchange.getResponseBody().write(new byte[10]);
                exchange.getResponseBody().flush();
                exchange.getHttpContext().getServer();
                // closing the exchange early cuts the body short
            } else if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        pool = ProcessPool.builder().size(3).listener(events::add).build();
    }

    @AfterEach
    void stop() {
        pool.terminate();
        server.stop(0);
    }

    @Test
    void downloadsAreByteIdenticalToWhatTheServerServed(@TempDir Path out) throws Exception {
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            list.append(base).append("/page").append(i).append(".bin\n");
        }
        RunSummary summary = run(list.toString(), out);

        assertThat(summary.succeeded()).isEqualTo(6);
        for (int i = 0; i < 6; i++) {
            Path file = out.resolve("127.0.0.1_page" + i + ".bin");
            assertThat(Files.readAllBytes(file)).as("page %d", i).isEqualTo(pages.get("/page" + i + ".bin"));
        }
        assertThat(listing(out)).hasSize(6);
    }

    @Test
    void aLongDownloadReportsTheBytesItHasSoFar(@TempDir Path out) throws Exception {
        RunSummary summary = run(base + "/slow.bin", out);

        assertThat(summary.succeeded()).isEqualTo(1);
        assertThat(events).as("progress while half the body is in").anySatisfy(e -> {
            assertThat(e).isInstanceOf(PoolEvent.TaskProgress.class);
            PoolEvent.TaskProgress progress = (PoolEvent.TaskProgress) e;
            assertThat(progress.done()).isBetween(1L, 199_999L);
            assertThat(progress.total()).isEqualTo(200_000L);
        });
    }

    @Test
    void anOutputFolderRemovedDuringTheRunIsMadeAgain(@TempDir Path root) throws Exception {
        Path out = root.resolve("out");
        folderToRemove = out;

        RunSummary summary = run(base + "/folder-removed.bin", out);

        assertThat(summary.succeeded()).isEqualTo(1);
        assertThat(Files.readAllBytes(out.resolve("127.0.0.1_folder-removed.bin"))).containsExactly(1, 2, 3);
    }

    @Test
    void httpErrorsRedirectLimitsAndCutBodiesFailWithoutLeavingFiles(@TempDir Path out) throws Exception {
        String list = String.join("\n", base + "/missing", base + "/hop/2", base + "/hop/9", base + "/truncated",
                "file:///etc/passwd");
        RunSummary summary = run(list, out);

        assertThat(summary.succeeded()).isEqualTo(1);
        assertThat(summary.failed()).isEqualTo(4);
        assertThat(errors()).anySatisfy(e -> assertThat(e).contains("HTTP 404"))
                .anySatisfy(e -> assertThat(e).contains("more than 5 redirects"))
                .anySatisfy(e -> assertThat(e).startsWith("line 5: only http and https"))
                .anySatisfy(e -> assertThat(e).containsAnyOf("closed", "EOF", "fixed content-length", "IOException"));
        assertThat(listing(out)).as("only the redirected page, under the name of the URL in the list; no partial files")
                .containsExactly("127.0.0.1_hop_2");
        assertThat(Files.readAllBytes(out.resolve("127.0.0.1_hop_2"))).isEqualTo(pages.get("/page0.bin"));
    }

    @Test
    void hostileUrlsOnlyEverWriteInsideTheOutputFolder(@TempDir Path root) throws Exception {
        Path out = Files.createDirectories(root.resolve("out"));
        pages.put("/a/../../../escape", new byte[] {1});
        pages.put("/%2e%2e/%2e%2e/x", new byte[] {2});
        String list = String.join("\n", base + "/%2e%2e/%2e%2e/x", base + "/page1.bin?../../../../tmp/evil",
                base + "/page1.bin", base + "/page1.bin");
        RunSummary summary = run(list, out);

        assertThat(summary.succeeded()).isEqualTo(3);
        assertThat(listing(root)).containsExactly("out");
        assertThat(listing(out)).allSatisfy(name -> assertThat(name).doesNotStartWith(".").doesNotContain("/"))
                .as("the same URL twice is one file").containsExactly("127.0.0.1_page1.bin",
                        "127.0.0.1_page1.bin_.._.._.._.._tmp_evil");
    }

    private RunSummary run(String list, Path out) throws InterruptedException {
        TaskOptions options = TaskOptions.builder().outputDir(out).requestTimeoutMs(10_000).build();
        TaskList tasks = new TaskListParser(TaskKinds.require("download"), options).parse(list);
        return TaskRun.start(pool, tasks, "download", options, 1, Set.of()).await();
    }

    private List<String> errors() {
        return events.stream().filter(PoolEvent.TaskFailed.class::isInstance)
                .map(e -> ((PoolEvent.TaskFailed) e).error()).toList();
    }

    private static List<String> listing(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
