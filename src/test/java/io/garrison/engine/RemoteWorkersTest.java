package io.garrison.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.garrison.testing.Await;
import io.garrison.testing.LoopbackSshd;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workers on another host through the Java API, against a real sshd on 127.0.0.1: their logins share one
 * connection, and Kill -9 of a remote worker is sent to that host, where its PID means that worker.
 */
@Timeout(240)
class RemoteWorkersTest {

    @TempDir
    Path dir;

    @Test
    void twoRemoteWorkersShareOneConnectionAndKillNineReachesTheWorkerOnItsHost() throws Exception {
        try (LoopbackSshd sshd = LoopbackSshd.start(dir)) {
            // The worker's runtime is copied to a folder of the test's own, not the user's cache.
            System.setProperty(RemoteRuntime.CACHE_PROPERTY, dir.resolve("remote-cache").toString());
            List<String> ssh = List.of("ssh", "-F", sshd.clientConfig().toString());
            ProcessPool pool = ProcessPool.builder().hosts(List.of(WorkerHost.ssh(ssh, "lab", 0, 2))).build();
            try {
                assertThat(masters()).as("one shared connection to lab").hasSize(1);
                Await.await("two workers on lab", () -> pool.workers().size() == 2, Duration.ofSeconds(60));
                assertThat(pool.workers()).allMatch(id -> id.host().equals("lab"));

                AsyncResult<Integer> sleeper = pool.applyAsync(RemoteWorkersTest::sleepLong, 1);
                WorkerId victim = Await.await("the sleeper's worker", () -> busyWorker(pool), Duration.ofSeconds(60));
                assertThat(sshd.sessionProcesses()).extracting(ProcessHandle::pid).contains(victim.pid());
                // The busy worker answers for itself, from its host: this process does not look it up.
                WorkerStats stats = pool.workerStats(victim).get(30, TimeUnit.SECONDS);
                assertThat(stats.worker()).isEqualTo(victim);
                assertThat(stats.uptime()).isPresent();
                assertThat(stats.residentKb()).hasValueSatisfying(kb -> assertThat(kb).isPositive());
                assertThat(stats.command()).hasValueSatisfying(command -> assertThat(command).endsWith("java"));

                assertThat(pool.killWorker(victim)).isTrue();

                assertThatThrownBy(sleeper::get).isInstanceOf(TaskFailedException.class)
                        .hasMessageContaining("killed by signal 9");
                Await.await("the killed worker gone from lab", () -> sshd.sessionProcesses().stream()
                        .noneMatch(p -> p.pid() == victim.pid()), Duration.ofSeconds(30));
                assertThat(pool.applyAsync(RemoteWorkersTest::twice, 21).get()).isEqualTo(42);
            } finally {
                pool.close();
                pool.join();
            }
            Await.await("the shared connection gone", () -> masters().isEmpty(), Duration.ofSeconds(30));
            Await.await("nothing left on lab", () -> sshd.sessionProcesses().isEmpty(), Duration.ofSeconds(30));
        } finally {
            System.clearProperty(RemoteRuntime.CACHE_PROPERTY);
        }
    }

    @Test
    void aServiceOfThisMachineIsReachedFromTheHostAtItsOwnLoopbackThroughTheConnection() throws Exception {
        // The service listens on 127.0.0.2 only: a task on lab that reaches 127.0.0.1 at its port can only have
        // come through ssh's forward, though lab is this machine.
        try (ServerSocket service = freeOnBoth(); LoopbackSshd sshd = LoopbackSshd.start(dir)) {
            Thread greeter = new Thread(() -> {
                while (!service.isClosed()) {
                    try (Socket client = service.accept()) {
                        client.getOutputStream().write("hello from the parent\n".getBytes(StandardCharsets.UTF_8));
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "greeter");
            greeter.setDaemon(true);
            greeter.start();
            System.setProperty(RemoteRuntime.CACHE_PROPERTY, dir.resolve("remote-cache").toString());
            List<String> ssh = List.of("ssh", "-F", sshd.clientConfig().toString());
            try (ProcessPool pool = ProcessPool.builder().hosts(List.of(WorkerHost.ssh(ssh, "lab", 0, 1)))
                    .serviceForHosts((InetSocketAddress) service.getLocalSocketAddress()).build()) {
                assertThat(pool.applyAsync(RemoteWorkersTest::greetingAt, service.getLocalPort()).get())
                        .isEqualTo("hello from the parent");
            }
        } finally {
            System.clearProperty(RemoteRuntime.CACHE_PROPERTY);
        }
    }

    /** A server socket on 127.0.0.2 at a port that is free on 127.0.0.1 too. */
    private static ServerSocket freeOnBoth() throws IOException {
        for (int attempt = 0; attempt < 20; attempt++) {
            ServerSocket service = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.2"));
            try (ServerSocket probe = new ServerSocket(service.getLocalPort(), 1, InetAddress.getByName("127.0.0.1"))) {
                return service;
            } catch (IOException taken) {
                service.close();
            }
        }
        throw new IOException("no port free on both 127.0.0.1 and 127.0.0.2");
    }

    private static String greetingAt(Integer port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }

    private static Integer sleepLong(Integer x) throws InterruptedException {
        TimeUnit.MINUTES.sleep(5);
        return x;
    }

    private static Integer twice(Integer x) {
        return 2 * x;
    }

    private static Optional<WorkerId> busyWorker(ProcessPool pool) {
        return pool.snapshot().workers().stream().filter(PoolSnapshot.WorkerSnapshot::running)
                .map(PoolSnapshot.WorkerSnapshot::id).findFirst();
    }

    private static List<ProcessHandle> masters() {
        return ProcessHandle.current().descendants().filter(p -> p.info().arguments()
                .map(args -> List.of(args).contains("ControlMaster=yes")).orElse(false)).toList();
    }
}
