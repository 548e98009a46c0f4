package io.garrison.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A web host on its own loopback address that behaves as real ones do towards a client: it serves at most
 * {@code limit} requests at once and answers 503 beyond (or, with {@code tooManyWith429}, 429 with
 * {@code Retry-After: 2}), may cut the first body of each file halfway, and has a page that is not there. It
 * records what a polite client must never do: more requests at once than it allows, a request inside its
 * Retry-After once the client could know of it, a missing page asked for twice.
 */
final class DemandingWebHost implements AutoCloseable {

    static final int FILE_BYTES = 48 * 1024;
    /** What a 429 asks for: long enough to tell a client that waits from one that does not. */
    private static final int RETRY_AFTER_SECONDS = 2;
    /**
     * How long after a 429 a request still counts as sent before the client could know of it. A worker whose
     * task ended just as the 429 was on its way gets its next task then, as any client's would, and on a loaded
     * machine the 429's worker may take this long to tell the pool. A client that ignores Retry-After keeps
     * asking all through the pause, most of which lies beyond this.
     */
    private static final long NEWS_TRAVEL_MS = 800;

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final int limit;
    private final boolean tooManyWith429;
    private final boolean cutsFirstBodies;
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger insideRetryAfter = new AtomicInteger();
    private final AtomicInteger missingAsked = new AtomicInteger();
    private final AtomicLong retryAfterEndsMs = new AtomicLong();
    private final AtomicLong lastTooManyMs = new AtomicLong();
    private final Set<String> cut = ConcurrentHashMap.newKeySet();
    private final AtomicInteger continuedByRange = new AtomicInteger();
    private final AtomicInteger sentAgainWhole = new AtomicInteger();
    private final List<String> userAgents = new CopyOnWriteArrayList<>();

    DemandingWebHost(String address, int limit, boolean tooManyWith429, boolean cutsFirstBodies) throws IOException {
        this.limit = limit;
        this.tooManyWith429 = tooManyWith429;
        this.cutsFirstBodies = cutsFirstBodies;
        server = HttpServer.create(new InetSocketAddress(address, 0), 64);
        server.setExecutor(threads);
        server.createContext("/", this::serve);
        server.start();
    }

    String url(String path) {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort() + path;
    }

    /** The bytes of a file: different for every path, the same every time. */
    static byte[] content(String path) {
        byte[] bytes = new byte[FILE_BYTES];
        int seed = path.hashCode();
        for (int i = 0; i < bytes.length; i++) {
            seed = seed * 1103515245 + 12345;
            bytes[i] = (byte) (seed >>> 16);
        }
        return bytes;
    }

    private void serve(HttpExchange exchange) throws IOException {
        long now = System.currentTimeMillis();
        userAgents.add(String.valueOf(exchange.getRequestHeaders().getFirst("User-Agent")));
        if (now < retryAfterEndsMs.get() && now - lastTooManyMs.get() >= NEWS_TRAVEL_MS) {
            insideRetryAfter.incrementAndGet();
        }
        int atOnce = active.incrementAndGet();
        try {
            mostAtOnce.accumulateAndGet(atOnce, Math::max);
            String path = exchange.getRequestURI().getPath();
            if (atOnce > limit) {
                refused.incrementAndGet();
                if (tooManyWith429) {
                    retryAfterEndsMs.accumulateAndGet(now + RETRY_AFTER_SECONDS * 1000L, Math::max);
                    lastTooManyMs.accumulateAndGet(now, Math::max);
                    exchange.getResponseHeaders().add("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
                    exchange.sendResponseHeaders(429, -1);
                } else {
                    exchange.sendResponseHeaders(503, -1);
                }
                return;
            }
            if (path.equals("/missing")) {
                missingAsked.incrementAndGet();
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body = content(path);
            String etag = "\"" + Integer.toHexString(path.hashCode()) + "\"";
            exchange.getResponseHeaders().add("ETag", etag);
            exchange.getResponseHeaders().add("Accept-Ranges", "bytes");
            // A moment's work, so that requests overlap as they do on a real server.
            Thread.sleep(60);
            if (answeredWithTheRest(exchange, body, etag)) {
                continuedByRange.incrementAndGet();
                return;
            }
            if (cut.contains(path)) {
                sentAgainWhole.incrementAndGet();
            }
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                if (cutsFirstBodies && cut.add(path)) {
                    out.write(body, 0, body.length / 2);
                    out.flush();
                    throw new IOException("cut on purpose");
                }
                out.write(body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            active.decrementAndGet();
            exchange.close();
        }
    }

    /**
     * Sends the rest of {@code body} (206) when the request asks for it with {@code Range: bytes=N-} and an
     * {@code If-Range} that matches {@code etag}; false, having sent nothing, otherwise.
     */
    static boolean answeredWithTheRest(HttpExchange exchange, byte[] body, String etag) throws IOException {
        String range = exchange.getRequestHeaders().getFirst("Range");
        if (range == null || !range.startsWith("bytes=") || !range.endsWith("-")
                || !etag.equals(exchange.getRequestHeaders().getFirst("If-Range"))) {
            return false;
        }
        int from = Integer.parseInt(range.substring("bytes=".length(), range.length() - 1));
        exchange.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
        exchange.sendResponseHeaders(206, body.length - from);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body, from, body.length - from);
        }
        return true;
    }

    /** Bodies sent as the rest of a cut one, with Range and a matching If-Range. */
    int continuedByRange() {
        return continuedByRange.get();
    }

    /** Cut bodies sent again from the start. */
    int sentAgainWhole() {
        return sentAgainWhole.get();
    }

    int mostAtOnce() {
        return mostAtOnce.get();
    }

    int refused() {
        return refused.get();
    }

    int insideRetryAfter() {
        return insideRetryAfter.get();
    }

    int missingAsked() {
        return missingAsked.get();
    }

    List<String> userAgents() {
        return userAgents;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
