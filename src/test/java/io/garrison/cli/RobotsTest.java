package io.garrison.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** --robots against a host on 127.0.0.7 whose robots.txt keeps every robot out of /private/ and one robot out. */
@Timeout(120)
class RobotsTest {

    private static final String ROBOTS = "User-agent: *\nDisallow: /private/\n\nUser-agent: nosybot\nDisallow: /\n";

    @TempDir
    Path dir;

    private HttpServer server;
    private final Map<String, AtomicInteger> asked = new ConcurrentHashMap<>();

    @BeforeEach
    void serve() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.7", 0), 16);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            asked.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            byte[] body = (path.equals("/robots.txt") ? ROBOTS : "the page " + path).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.7:" + server.getAddress().getPort() + path;
    }

    @Test
    void aUrlTheHostsRobotsKeepOutFailsWithoutARequestAndTheRestIsFetched() throws Exception {
        String list = url("/private/secret.html") + "\n" + url("/public/a.html") + "\n" + url("/public/b.html") + "\n";

        CliProcess run = CliProcess.run(dir, list, "run", "-k", "download", "-p", "2", "--robots", "--retries", "2",
                "-o", dir.resolve("pages").toString(), "-");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr().lines().toList()).singleElement().asString().contains("line 1")
                .contains("disallowed by " + url("/robots.txt").replace("/robots.txt", "") + "/robots.txt");
        assertThat(asked).doesNotContainKey("/private/secret.html").containsKeys("/public/a.html", "/public/b.html");
        assertThat(asked.get("/robots.txt").get()).as("robots.txt, once per worker at most").isBetween(1, 2);
        assertThat(dir.resolve("pages")).isDirectoryContaining(p -> p.getFileName().toString().contains("a.html"));
    }

    @Test
    void aRobotTheHostKeepsOutEntirelyFetchesNothingAndWithoutRobotsEverythingIsFetched() throws Exception {
        String list = url("/private/secret.html") + "\n" + url("/public/a.html") + "\n";

        CliProcess nosy = CliProcess.run(dir, list, "run", "-k", "download", "--robots", "--user-agent",
                "NosyBot/2.1 (+https://example.org/bot)", "-o", dir.resolve("nosy").toString(), "-");

        assertThat(nosy.exitCode()).isEqualTo(1);
        assertThat(nosy.stderr().lines().filter(l -> l.contains("disallowed by")).count()).isEqualTo(2);
        assertThat(asked.keySet()).containsExactly("/robots.txt");
        int robotsAsked = asked.get("/robots.txt").get();

        CliProcess plain = CliProcess.run(dir, list, "run", "-k", "download", "-o", dir.resolve("all").toString(), "-");

        assertThat(plain.exitCode()).as(plain.stderr()).isZero();
        assertThat(asked).containsKeys("/private/secret.html", "/public/a.html");
        assertThat(asked.get("/robots.txt").get()).as("not asked for without --robots").isEqualTo(robotsAsked);
    }

    @Test
    void robotsIsForDownloadsOnly() throws Exception {
        CliProcess run = CliProcess.run(dir, "1\n", "run", "--robots", "-");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("--robots").doesNotContain("Exception");
        assertThat(List.of(run.stdout())).containsExactly("");
    }
}
