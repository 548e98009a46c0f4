package io.garrison.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.garrison.testing.Await;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ManagerTest {

    private static final String KEY = "correct horse";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path temp;
    private static Path serverLog;
    private static Manager manager;

    @BeforeAll
    static void startManager() throws Exception {
        serverLog = temp.resolve("manager.err");
        manager = Manager.start("127.0.0.1", 0, ManagerKeys.of(KEY), ProcessBuilder.Redirect.to(serverLog.toFile()));
    }

    @AfterAll
    static void stopManager() {
        manager.close();
    }

    private TestChild client(String... stepAndArgs) {
        List<String> args = new ArrayList<>(List.of(stepAndArgs));
        args.addAll(1, List.of(manager.address().getHostString(), Integer.toString(manager.address().getPort()), KEY));
        return TestChild.start(ManagerClientChild.class, args.toArray(String[]::new));
    }

    @Test
    void serverIsAChildProcessOnLoopback() {
        assertThat(manager.pid()).isNotEqualTo(ProcessHandle.current().pid());
        assertThat(ProcessHandle.current().children().map(ProcessHandle::pid)).contains(manager.pid());
        assertThat(manager.address().getHostString()).isEqualTo("127.0.0.1");
    }

    @Test
    void severalClientProcessesShareListDictValueAndLock() throws Exception {
        int rounds = 150;
        List<TestChild> children = new ArrayList<>();
        try {
            for (String id : List.of("a", "b", "c", "d")) {
                children.add(client("work", id, Integer.toString(rounds)));
            }
            for (TestChild child : children) {
                assertThat(child.awaitExit(WAIT)).isZero();
            }
        } finally {
            children.forEach(TestChild::close);
        }
        try (ManagerClient client = manager.connect()) {
            assertThat(client.value("guarded").get().longValue()).as("read-then-write under the lock").isEqualTo(4L * rounds);
            assertThat(client.value("adds").get().longValue()).isEqualTo(4L * rounds);
            assertThat(client.list("log").get()).hasSize(4 * rounds).containsOnly("a", "b", "c", "d");
            assertThat(client.dict("finished").get()).isEqualTo(Map.of("a", rounds, "b", rounds, "c", rounds, "d", rounds));
        }
    }

    @Test
    void wrongKeyIsRefusedLoggedAndTheServerCarriesOn() throws Exception {
        assertThatThrownBy(() -> ManagerClient.connect("127.0.0.1", manager.address().getPort(),
                ManagerKeys.of("wrong horse")))
                .isInstanceOf(ManagerAuthenticationException.class)
                .hasMessageContaining("authentication failed");

        try (ManagerClient client = manager.connect()) {
            assertThat(client.value("after-refusal").add(2).longValue()).isEqualTo(2L);
        }
        // The refusal is logged by the server's session thread; its stderr file is the only witness.
        Await.await("the server log to record the refusal", () -> serverLogContains("authentication failed"), WAIT);
        assertThat(Files.readString(serverLog)).contains("refused connection from /127.0.0.1")
                .contains("authentication failed: wrong key");
        assertThat(manager.isAlive()).isTrue();
    }

    private static boolean serverLogContains(String text) {
        try {
            return Files.readString(serverLog).contains(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aLockHeldByAKilledClientIsReleased() throws Exception {
        try (ManagerClient client = manager.connect(); TestChild holder = client("hold-lock")) {
            assertThat(holder.awaitLine(WAIT)).isEqualTo("locked");
            assertThat(client.tryLock("L", Duration.ofMillis(200))).as("held by the other process").isNull();

            holder.kill();

            RemoteLock lock = client.tryLock("L", WAIT);
            assertThat(lock).isNotNull();
            lock.close();
        }
    }

    @Test
    void requestsAreValidatedAndRefusedWhole() throws Exception {
        try (ManagerClient client = manager.connect()) {
            RemoteArray array = client.array("arr");
            assertThat(array.init(List.of(0, 1, 2))).containsExactly(0, 1, 2);
            assertThat(array.init(List.of(9))).as("init keeps an existing array").containsExactly(0, 1, 2);
            array.set(0, 5);
            assertThat(array.get()).containsExactly(5, 1, 2);
            assertThatThrownBy(() -> array.set(3, 1)).isInstanceOf(ManagerException.class).hasMessageContaining("out of bounds");
            assertThatThrownBy(() -> client.array("missing").get()).hasMessageContaining("no array named");

            RemoteValue value = client.value("v");
            value.set(Long.MAX_VALUE);
            assertThatThrownBy(() -> value.add(1)).isInstanceOf(ManagerException.class);
            assertThat(value.get()).as("a refused add changes nothing").isEqualTo(Long.MAX_VALUE);
            value.set(1);
            assertThat(value.add(0.5)).isEqualTo(1.5);

            RemoteDict dict = client.dict("d");
            assertThat(dict.put("k", List.of(1, "two"))).isNull();
            assertThat(dict.put("k", "v")).isEqualTo(List.of(1, "two"));
            assertThat(dict.get("k")).isEqualTo("v");
            assertThat(dict.remove("k")).isEqualTo("v");
            assertThat(dict.get()).isEmpty();

            try (RemoteLock held = client.lock("mine")) {
                assertThatThrownBy(() -> client.lock("mine")).hasMessageContaining("already held by this connection");
            }
        }
    }

    @Test
    void serverExitsWhenItsStdinCloses() throws Exception {
        try (TestChild server = TestChild.start(ManagerServerMain.class, "--port", "0")) {
            OutputStream stdin = server.process().getOutputStream();
            stdin.write((Base64.getEncoder().encodeToString(KEY.getBytes(StandardCharsets.UTF_8)) + "\n")
                    .getBytes(StandardCharsets.US_ASCII));
            stdin.flush();
            assertThat(server.awaitLine(WAIT)).matches("listening on 127\\.0\\.0\\.1:\\d+");
            stdin.close();
            assertThat(server.awaitExit(WAIT)).isZero();
        }
    }
}
