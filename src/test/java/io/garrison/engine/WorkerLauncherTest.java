package io.garrison.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.garrison.protocol.MessageType;
import io.garrison.task.ShellWords;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerLauncherTest {

    @Test
    void workersGetTheParentsTrustStoreAndProxyButNothingElse() {
        System.setProperty("javax.net.ssl.trustStore", "/etc/ssl/certs/java/cacerts");
        System.setProperty("https.proxyHost", "proxy.example");
        System.setProperty("garrison.unrelated", "x");
        try {
            List<String> settings = WorkerLauncher.inheritedNetworkSettings();
            assertThat(settings).contains("-Djavax.net.ssl.trustStore=/etc/ssl/certs/java/cacerts",
                    "-Dhttps.proxyHost=proxy.example");
            assertThat(settings).noneMatch(s -> s.contains("garrison.unrelated"));
            assertThat(new WorkerLauncher(List.of(), 0, false).command()).contains("-Dhttps.proxyHost=proxy.example")
                    .contains(WorkerLauncher.WORKER_MAIN);
        } finally {
            System.clearProperty("javax.net.ssl.trustStore");
            System.clearProperty("https.proxyHost");
            System.clearProperty("garrison.unrelated");
        }
    }

    @Test
    void aCollectorChosenInTheWorkerOptionsPropertyReplacesTheDefaultToo() {
        System.setProperty(WorkerLauncher.OPTIONS_PROPERTY, "-Xmx64m -XX:+UseParallelGC");
        try {
            List<String> command = new WorkerLauncher(List.of(), 0, false).command();
            assertThat(command).contains("-XX:+UseParallelGC", "-Xmx64m").doesNotContain("-XX:+UseSerialGC");
            assertThat(new WorkerLauncher(List.of("-XX:+UseG1GC"), 0, false).command()).doesNotContain("-XX:+UseSerialGC");
        } finally {
            System.clearProperty(WorkerLauncher.OPTIONS_PROPERTY);
        }
        assertThat(new WorkerLauncher(List.of(), 0, false).command()).contains("-XX:+UseSerialGC");
    }

    @Test
    void backgroundWorkersStartThroughChrtOrElseAtNiceNineteenWhateverNicenessWasAsked() {
        List<String> command = new WorkerLauncher(List.of(), 5, true).command();

        List<String> idle = IdleScheduling.prefix();
        if (!idle.isEmpty()) {
            assertThat(command.subList(0, 3)).isEqualTo(idle);
            assertThat(idle.get(0)).endsWith("chrt");
            assertThat(command).doesNotContain("-n");
            assertThat(command.get(3)).endsWith("java");
        } else if (java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/bin/nice"))) {
            assertThat(command.subList(1, 3)).containsExactly("-n", "19");
        }
    }

    @Test
    void onlyWorkersOnAnotherHostAreToldToLeaveWhenThePoolFallsSilent(@TempDir Path classes) throws Exception {
        WorkerLauncher launcher = new WorkerLauncher(List.of(), 0, false);
        String heartbeat = "-D" + MessageType.HEARTBEAT_PROPERTY + "=20000";

        List<String> remote = launcher.commandOn(new WorkerHost("lab", 1, List.of("ssh", "lab", "--"), true),
                new RemoteInstall(classes.toString(), "cp/0", "java"));

        assertThat(remote.get(remote.size() - 1)).contains(" " + ShellWords.quote(heartbeat) + " ");
        assertThat(launcher.commandOn(WorkerHost.local(1), null))
                .noneMatch(w -> w.contains(MessageType.HEARTBEAT_PROPERTY));
        assertThat(launcher.commandOn(WorkerHost.launcher("node", List.of("srun", "-n1", "-u"), 1), null))
                .noneMatch(w -> w.contains(MessageType.HEARTBEAT_PROPERTY));
    }

    @Test
    void aShorterHeartbeatLimitComesFromItsPropertyAndNonsenseKeepsTheDefault() {
        try {
            System.setProperty(RemoteHeartbeat.LIMIT_PROPERTY, "3000");
            assertThat(new WorkerLauncher(List.of(), 0, false).remoteHeartbeatMillis()).isEqualTo(3000);
            System.setProperty(RemoteHeartbeat.LIMIT_PROPERTY, "0");
            assertThat(new WorkerLauncher(List.of(), 0, false).remoteHeartbeatMillis()).isEqualTo(20_000);
            System.setProperty(RemoteHeartbeat.LIMIT_PROPERTY, "soon");
            assertThat(new WorkerLauncher(List.of(), 0, false).remoteHeartbeatMillis()).isEqualTo(20_000);
        } finally {
            System.clearProperty(RemoteHeartbeat.LIMIT_PROPERTY);
        }
    }
}
