package io.garrison.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.garrison.testing.Await;
import io.garrison.testing.LoopbackSshd;
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
