package io.garrison.task;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.garrison.engine.ProcessPool;
import io.garrison.engine.RunSummary;
import io.garrison.engine.TaskRun;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
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
    void aBareHostIsSavedAsIndexAndCollisionsNeverLandInsideTheAddress(@TempDir Path out) throws Exception {
        RunSummary summary = run(List.of(base, base + "/", base + "/data", base + "/data", base + "/a.b/data"), out);

        assertThat(summary.succeeded()).isEqualTo(5);
        assertThat(listing(out)).containsExactlyInAnyOrder("127.0.0.1_index.html", "127.0.0.1_index-2.html",
                "127.0.0.1_data", "127.0.0.1_data-2", "127.0.0.1_a.b_data");
    }

    private RunSummary run(List<String> urls, Path out) throws InterruptedException {
        TaskOptions options = TaskOptions.builder().outputDir(out).requestTimeoutMs(10_000).build();
        TaskList tasks = new TaskListParser(TaskKinds.require("download"), options).parse(String.join("\n", urls));
        return TaskRun.start(pool, tasks, "download", options, 1, Set.of()).await();
    }

    /** The PID of a process that has exited and been reaped. */
    private static long deadPid() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        long pid = gone.pid();
        assertThat(ProcessHandle.of(pid)).isEmpty();
        return pid;
    }

    private static List<String> listing(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
