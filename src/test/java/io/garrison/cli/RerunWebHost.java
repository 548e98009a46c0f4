package io.garrison.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.garrison.testing.Await;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * A web host on its own loopback address, as a download run meets it again: every file has an ETag that changes
 * with the files' version, {@code Range} with a matching {@code If-Range} gets the rest (206), a matching
 * {@code If-None-Match} gets 304. It can stall a body halfway, as a server does whose client was killed
 * mid-download, and hold an answer until the test's condition holds. It counts the bodies it sent and keeps the
 * {@code Range} headers it was asked with.
 */
final class RerunWebHost implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final AtomicInteger version = new AtomicInteger(1);
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger bodies = new AtomicInteger();
    private final AtomicInteger notModified = new AtomicInteger();
    private final List<String> ranges = new CopyOnWriteArrayList<>();
    private final Map<String, CountDownLatch> stalls = new ConcurrentHashMap<>();
    private final Map<String, BooleanSupplier> holds = new ConcurrentHashMap<>();
    private final CountDownLatch released = new CountDownLatch(1);

    RerunWebHost(String address) throws IOException {
        server = HttpServer.create(new InetSocketAddress(address, 0), 64);
        server.setExecutor(threads);
        server.createContext("/", this::serve);
        server.start();
    }

    String url(String path) {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort() + path;
    }

    /** The bytes of a file as the host has it now: different for every host, path and version. */
    byte[] content(String path) {
        return DemandingWebHost.content(url(path) + "#" + version.get());
    }

    private String etag(String path) {
        return "\"v" + version.get() + "-" + Integer.toHexString(url(path).hashCode()) + "\"";
    }

    /** Every file changes: new bytes, new ETag. */
    void changeFiles() {
        version.incrementAndGet();
    }

    /**
     * The first answer for {@code path} sends half its body and then nothing more until {@link #close}; the
     * returned latch opens once that half has been sent.
     */
    CountDownLatch stallHalfway(String path) {
        CountDownLatch halfSent = new CountDownLatch(1);
        stalls.put(path, halfSent);
        return halfSent;
    }

    /** Answers for {@code path} wait until {@code condition} holds. */
    void holdUntil(String path, BooleanSupplier condition) {
        holds.put(path, condition);
    }

    int requests() {
        return requests.get();
    }

    /** Answers that carried a body: 200 and 206. */
    int bodies() {
        return bodies.get();
    }

    int notModified() {
        return notModified.get();
    }

    /** The Range headers asked with, in order. */
    List<String> ranges() {
        return ranges;
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            String path = exchange.getRequestURI().getPath();
            BooleanSupplier hold = holds.get(path);
            if (hold != null) {
                Await.await("the condition that holds the answer for " + path, hold, Duration.ofSeconds(60));
            }
            byte[] body = content(path);
            String etag = etag(path);
            exchange.getResponseHeaders().add("ETag", etag);
            exchange.getResponseHeaders().add("Accept-Ranges", "bytes");
            if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                notModified.incrementAndGet();
                exchange.sendResponseHeaders(304, -1);
                return;
            }
            String range = exchange.getRequestHeaders().getFirst("Range");
            if (range != null) {
                ranges.add(range);
            }
            bodies.incrementAndGet();
            if (DemandingWebHost.answeredWithTheRest(exchange, body, etag)) {
                return;
            }
            exchange.sendResponseHeaders(200, body.length);
            OutputStream out = exchange.getResponseBody();
            CountDownLatch stalled = stalls.remove(path);
            if (stalled != null) {
                out.write(body, 0, body.length / 2);
                out.flush();
                stalled.countDown();
                released.await(60, TimeUnit.SECONDS);
                return;
            }
            out.write(body);
            out.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
