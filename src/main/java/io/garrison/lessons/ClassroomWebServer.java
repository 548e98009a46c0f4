package io.garrison.lessons;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A small web server on 127.0.0.1 that serves sample home pages, so the download exercise works in a classroom
 * without internet. Every page waits {@link #setLatency latency} before it answers; one page, {@link #SLOW_SITE},
 * also trickles its body in pieces, so a class sees one worker stay busy while the others take the rest.
 *
 * <p>Threading: requests are served on the server's own threads; {@link #setLatency} may be called from any
 * thread at any time and applies to the next request.
 */
public final class ClassroomWebServer implements AutoCloseable {

    /** The sites of the exercise's download.txt; each gets a sample page at {@code /SITE/}. */
    public static final List<String> SITES = List.of("www.python.org", "www.debian.org", "openjdk.org",
            "www.wikipedia.org", "www.gnu.org", "www.kernel.org");

    /** The deliberately slow page. */
    public static final String SLOW_SITE = "www.wikipedia.org";

    /** How long the slow page takes beyond the latency, spread over its pieces. */
    public static final Duration SLOW_EXTRA = Duration.ofSeconds(3);

    private static final int PIECES = 10;
    private static final int PAGE_PARAGRAPHS = 150;

    private final HttpServer server;
    private final ExecutorService threads;
    private volatile long latencyMs;

    private ClassroomWebServer(HttpServer server, ExecutorService threads, Duration latency) {
        this.server = server;
        this.threads = threads;
        this.latencyMs = latency.toMillis();
    }

    /** Starts a server on 127.0.0.1 and a free port. */
    public static ClassroomWebServer start(Duration latency) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // A thread per request in flight: a waiting page must not hold up the others.
        ExecutorService threads = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "classroom-web");
            thread.setDaemon(true);
            return thread;
        });
        ClassroomWebServer web = new ClassroomWebServer(server, threads, latency);
        server.createContext("/", web::serve);
        server.setExecutor(threads);
        server.start();
        return web;
    }

    /** How long each page waits before it answers. */
    public void setLatency(Duration latency) {
        this.latencyMs = Math.max(0, latency.toMillis());
    }

    /** The wait before each page answers. */
    public Duration latency() {
        return Duration.ofMillis(latencyMs);
    }

    /** The port it listens on, on 127.0.0.1. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The sample pages' addresses, in the order of {@link #SITES}. */
    public List<String> urls() {
        return SITES.stream().map(this::url).toList();
    }

    /** The sample page of one site. */
    public String url(String site) {
        return "http://127.0.0.1:" + port() + "/" + site + "/";
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String site = exchange.getRequestURI().getPath().replace("/", "");
            if (!SITES.contains(site)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body = page(site).getBytes(StandardCharsets.UTF_8);
            pause(latencyMs);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            OutputStream out = exchange.getResponseBody();
            boolean slow = site.equals(SLOW_SITE);
            int piece = (body.length + PIECES - 1) / PIECES;
            for (int from = 0; from < body.length; from += piece) {
                out.write(body, from, Math.min(piece, body.length - from));
                out.flush();
                if (slow) {
                    pause(SLOW_EXTRA.toMillis() / PIECES);
                }
            }
        }
    }

    private static void pause(long ms) throws IOException {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("server stopping", e);
        }
    }

    /** A page big enough that a progress bar has something to show. */
    static String page(String site) {
        StringBuilder html = new StringBuilder("<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>")
                .append(site).append("</title></head><body>\n<h1>").append(site).append("</h1>\n");
        for (int i = 1; i <= PAGE_PARAGRAPHS; i++) {
            html.append("<p>Sample paragraph ").append(i).append(" of the classroom copy of ").append(site)
                    .append(", served by Garrison on this machine.</p>\n");
        }
        return html.append("</body></html>\n").toString();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
