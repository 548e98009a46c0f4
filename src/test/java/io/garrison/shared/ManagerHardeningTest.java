package io.garrison.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.garrison.testing.Await;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What an attacker found on the Manager (issue 19), each on a real server over real sockets on 127.0.0.1. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ManagerHardeningTest {

    private static final byte[] KEY = ManagerKeys.of("correct horse");
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** The server's report lines, as {@code garrison manager serve} would print them. */
    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);

    private String log() {
        synchronized (log) {
            return logBytes.toString(StandardCharsets.UTF_8);
        }
    }

    private ManagerServer server() throws IOException {
        return ManagerServer.start("127.0.0.1", 0, KEY, log);
    }

    /** An authenticated connection that sends whatever JSON a test writes, as a hostile client would. */
    static final class Raw implements AutoCloseable {
        private final JsonLines connection;
        private long id;

        Raw(int port) throws IOException {
            connection = new JsonLines(new Socket("127.0.0.1", port), 64 << 20);
            HmacHandshake.join(connection, KEY);
        }

        ObjectNode call(String op, String name, Consumer<ObjectNode> fields) throws IOException {
            ObjectNode request = JsonLines.object().put("id", ++id).put("op", op).put("name", name);
            fields.accept(request);
            connection.write(request);
            return connection.read();
        }

        /** Sends {@code line} as it is, for values no Java object would serialize to. */
        ObjectNode send(String line) throws IOException {
            OutputStream out = connection.socket().getOutputStream();
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return connection.read();
        }

        @Override
        public void close() throws IOException {
            connection.close();
        }
    }

    @Test
    void aRealClientGetsThroughThreeHundredTricklingStrangersWellBeforeTheirHandshakeDeadline() throws Exception {
        List<Socket> strangers = new ArrayList<>();
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        try (ManagerServer server = server()) {
            int port = server.address().getPort();
            int served = 0;
            for (int i = 0; i < 300; i++) {
                Socket stranger = new Socket("127.0.0.1", port);
                stranger.setSoTimeout((int) WAIT.toMillis());
                strangers.add(stranger);
                // The server's challenge line: this stranger holds a slot now (unless it was turned away: EOF).
                if (readLine(stranger.getInputStream())) {
                    served++;
                }
            }
            // One byte to each stranger every second: never a whole line, never silent for long.
            trickle.scheduleAtFixedRate(() -> strangers.forEach(s -> {
                try {
                    s.getOutputStream().write(' ');
                } catch (IOException e) {
                    // the server dropped this one: what it should do
                }
            }), 0, 1, TimeUnit.SECONDS);

            long start = System.nanoTime();
            long latencyMillis = -1;
            while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10)) {
                try (ManagerClient client = ManagerClient.connect("127.0.0.1", port, KEY)) {
                    assertThat(client.value("works").add(1).longValue()).isEqualTo(1L);
                    latencyMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                    break;
                } catch (IOException | ManagerException e) {
                    // refused while strangers hold the slots; try again until the bound
                }
            }
            System.out.println("ManagerHardeningTest: " + served + " of 300 strangers got a handshake slot;"
                    + " a real client got through after " + latencyMillis + " ms");
            assertThat(latencyMillis).as("ms until a real client got through (-1: not within 10 s); the strangers' deadline is 5 s")
                    .isBetween(0L, 3_000L);
            Await.await("the evictions to be logged", () -> log().contains("evicted by a newer connection"), WAIT);
        } finally {
            trickle.shutdownNow();
            for (Socket stranger : strangers) {
                stranger.close();
            }
        }
    }

    /** Reads one line; false if the stream ends first. */
    private static boolean readLine(InputStream in) throws IOException {
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    @Test
    void aStrangerThatTricklesIsDroppedAtTheHandshakeDeadlineAndLogged() throws Exception {
        try (ManagerServer server = server(); Socket stranger = new Socket("127.0.0.1", server.address().getPort())) {
            stranger.setSoTimeout((int) WAIT.toMillis());
            InputStream in = stranger.getInputStream();
            assertThat(readLine(in)).as("the challenge").isTrue();
            CompletableFuture<Integer> end = CompletableFuture.supplyAsync(() -> {
                try {
                    return in.read();
                } catch (IOException e) {
                    return -2;
                }
            });
            // Keep trickling, each byte well within the old per-read timeout, until the server hangs up.
            long start = System.nanoTime();
            while (!end.isDone() && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(20)) {
                try {
                    stranger.getOutputStream().write(' ');
                } catch (IOException e) {
                    break;
                }
                try {
                    end.get(1, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    // still connected: trickle on
                }
            }
            assertThat(end.isDone()).as("the server hung up within 20 s").isTrue();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start))
                    .as("the handshake deadline is 5 s").isLessThan(8_000L);
            Await.await("the drop to be logged", () -> log().contains("no complete handshake within 5000 ms"), WAIT);
        }
    }

    @Test
    void aValueNestedTooDeepIsRefusedAndTheListStaysReadableForEveryone() throws Exception {
        try (ManagerServer server = server(); Raw raw = new Raw(server.address().getPort())) {
            String deep = "[".repeat(999) + "]".repeat(999);
            ObjectNode refused = raw.send("{\"id\":1,\"op\":\"list.append\",\"name\":\"poison\",\"value\":" + deep + "}");
            assertThat(refused.path("ok").asBoolean()).isFalse();
            assertThat(refused.path("reason").asText()).isEqualTo("TOO_DEEP");
            assertThat(raw.send("{\"id\":2,\"op\":\"dict.put\",\"name\":\"poison\",\"key\":\"k\",\"value\":" + deep + "}")
                    .path("reason").asText()).isEqualTo("TOO_DEEP");
            String fine = "[".repeat(50) + "]".repeat(50);
            assertThat(raw.send("{\"id\":3,\"op\":\"list.append\",\"name\":\"poison\",\"value\":" + fine + "}")
                    .path("ok").asBoolean()).isTrue();
            try (ManagerClient other = ManagerClient.connect("127.0.0.1", server.address().getPort(), KEY)) {
                assertThat(other.list("poison").get()).hasSize(1);
                assertThat(other.dict("poison").get()).isEmpty();
            }
        }
    }

    @Test
    void anArrayIndexIsAnIntegerInRangeOrTheRequestFails() throws Exception {
        try (ManagerServer server = server(); Raw raw = new Raw(server.address().getPort())) {
            raw.send("{\"id\":1,\"op\":\"array.init\",\"name\":\"a\",\"values\":[0,0,0]}");
            for (String index : List.of("4294967297", "1.9", "\"2\"", "true", "1e0", "null", "-1", "3")) {
                ObjectNode response = raw.send("{\"id\":2,\"op\":\"array.set\",\"name\":\"a\",\"index\":" + index + ",\"value\":7}");
                assertThat(response.path("ok").asBoolean()).as("index " + index).isFalse();
                assertThat(response.path("reason").asText()).as("index " + index).isEqualTo("INVALID");
                assertThat(response.path("error").asText()).as("index " + index).contains("index");
            }
            assertThat(raw.send("{\"id\":3,\"op\":\"array.get\",\"name\":\"a\"}").path("result").toString()).isEqualTo("[0,0,0]");
        }
    }

    @Test
    void numbersThatAreNotFiniteAreRefusedInAndOut() throws Exception {
        try (ManagerServer server = server(); Raw raw = new Raw(server.address().getPort())) {
            String huge = "1" + "0".repeat(400);
            for (String request : List.of(
                    "{\"id\":1,\"op\":\"value.add\",\"name\":\"v\",\"delta\":" + huge + "}",
                    "{\"id\":2,\"op\":\"value.add\",\"name\":\"v\",\"delta\":1e400}",
                    "{\"id\":3,\"op\":\"value.set\",\"name\":\"v\",\"value\":-1e400}",
                    "{\"id\":4,\"op\":\"list.append\",\"name\":\"l\",\"value\":[1e400]}",
                    "{\"id\":5,\"op\":\"array.init\",\"name\":\"a\",\"values\":[" + huge + "]}")) {
                ObjectNode response = raw.send(request);
                assertThat(response.path("ok").asBoolean()).as(request).isFalse();
                assertThat(response.path("reason").asText()).as(request).isEqualTo("NOT_FINITE");
            }
            raw.send("{\"id\":6,\"op\":\"value.set\",\"name\":\"w\",\"value\":1.7e308}");
            assertThat(raw.send("{\"id\":7,\"op\":\"value.add\",\"name\":\"w\",\"delta\":1.7e308}").path("reason").asText())
                    .as("a sum that overflows to Infinity").isEqualTo("NOT_FINITE");
            assertThat(raw.send("{\"id\":8,\"op\":\"value.get\",\"name\":\"v\"}").path("result").asLong()).isZero();
            assertThat(raw.send("{\"id\":9,\"op\":\"value.get\",\"name\":\"w\"}").path("result").asDouble()).isEqualTo(1.7e308);
            assertThat(raw.send("{\"id\":10,\"op\":\"list.get\",\"name\":\"l\"}").path("result").size()).isZero();
        }
    }

    @Test
    void aLockWaitOfLongMaxValueMillisecondsWaitsInsteadOfGivingUp() throws Exception {
        ManagerLocks locks = new ManagerLocks();
        assertThat(locks.acquire("L", 1, -1)).isTrue();
        CompletableFuture<Boolean> waiter = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                waiter.complete(locks.acquire("L", 2, Long.MAX_VALUE));
            } catch (Throwable e) {
                waiter.completeExceptionally(e);
            }
        });
        thread.start();
        Await.await("the second connection to wait (or give up)",
                () -> waiter.isDone() || thread.getState() == Thread.State.TIMED_WAITING, WAIT);
        locks.release("L", 1);
        assertThat(waiter.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("taken once released").isTrue();
    }

    @Test
    void aConnectionDroppedForABadMessageIsLoggedWithItsReason() throws Exception {
        try (ManagerServer server = server()) {
            int port = server.address().getPort();
            try (Socket stranger = new Socket("127.0.0.1", port)) {
                stranger.getOutputStream().write("this is not JSON\n".getBytes(StandardCharsets.US_ASCII));
                Await.await("the stranger's drop to be logged", () -> log().contains("dropped /127.0.0.1:" + stranger.getLocalPort()), WAIT);
            }
            try (Raw raw = new Raw(port)) {
                int localPort = raw.connection.socket().getLocalPort();
                OutputStream out = raw.connection.socket().getOutputStream();
                out.write("{\"id\": 1, \"op\": \n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Await.await("the client's drop to be logged", () -> log().contains("dropped /127.0.0.1:" + localPort), WAIT);
            }
            assertThat(log()).contains("Unexpected");
        }
    }

    @Test
    void anAppendFloodStopsAtTheMemoryQuota() throws Exception {
        String fifteenMegabytes = "x".repeat(15 << 20);
        try (ManagerServer server = server(); Raw raw = new Raw(server.address().getPort())) {
            int stored = 0;
            ObjectNode refused = null;
            for (int i = 0; i < 40 && refused == null; i++) {
                String name = "flood-" + i;
                ObjectNode response = raw.call("list.append", name, request -> request.put("value", fifteenMegabytes));
                if (response.path("ok").asBoolean()) {
                    stored++;
                } else {
                    refused = response;
                }
            }
            assertThat(refused).as("a refusal before 40 appends of 15 MB").isNotNull();
            assertThat(refused.path("reason").asText()).isEqualTo("OVER_QUOTA");
            assertThat(refused.path("error").asText()).contains("quota");
            assertThat((long) stored * fifteenMegabytes.length()).isLessThanOrEqualTo(256L << 20);
        }
    }

    @Test
    void oneListCannotOutgrowWhatAResponseCarries() throws Exception {
        String fifteenMegabytes = "x".repeat(15 << 20);
        try (ManagerServer server = server(); Raw raw = new Raw(server.address().getPort())) {
            ObjectNode refused = null;
            int stored = 0;
            for (int i = 0; i < 10 && refused == null; i++) {
                ObjectNode response = raw.call("list.append", "big", request -> request.put("value", fifteenMegabytes));
                if (response.path("ok").asBoolean()) {
                    stored++;
                } else {
                    refused = response;
                }
            }
            assertThat(refused).isNotNull();
            assertThat(refused.path("reason").asText()).isEqualTo("TOO_LARGE");
            assertThat(stored).isEqualTo(4);
            try (ManagerClient client = ManagerClient.connect("127.0.0.1", server.address().getPort(), KEY)) {
                assertThat(client.list("big").get()).as("still readable by a client").hasSize(4);
            }
        }
    }

    @Test
    void aKeyFileOthersMayReadIsAcceptedWithAWarning(@TempDir Path temp) throws Exception {
        Path keyFile = temp.resolve("key");
        Files.writeString(keyFile, "secret\n");
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(ManagerKeys.class.getName());
        logger.addHandler(handler);
        try {
            assertThat(ManagerKeys.read(keyFile)).isEqualTo("secret".getBytes(StandardCharsets.UTF_8));
            assertThat(records).anySatisfy(record -> {
                assertThat(record.getLevel()).isEqualTo(java.util.logging.Level.WARNING);
                assertThat(record.getMessage()).contains(keyFile.toString()).contains("chmod 600");
            });
            records.clear();
            Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
            ManagerKeys.read(keyFile);
            assertThat(records).as("a private key file is read without a word").isEmpty();
        } finally {
            logger.removeHandler(handler);
        }
    }
}
