package io.garrison.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

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
}
