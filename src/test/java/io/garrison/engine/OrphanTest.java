package io.garrison.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Python's Pool leaves orphans when its parent is SIGKILLed; Garrison's workers leave with their parent. */
@Timeout(90)
class OrphanTest {

    @Test
    void aParentKilledWithSigkillLeavesNoWorkersBehind() throws Exception {
        Process parent = new ProcessBuilder(WorkerLauncher.javaExecutable().toString(),
                "-cp", System.getProperty("java.class.path"), OrphanParent.class.getName())
                .redirectErrorStream(true)
                .start();
        List<ProcessHandle> workers = new ArrayList<>();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("workers ")) {
                // skip anything else the JVM prints
            }
            assertThat(line).as("the parent reported its workers").isNotNull();
            for (String pid : line.substring("workers ".length()).split(" ")) {
                workers.add(ProcessHandle.of(Long.parseLong(pid)).orElseThrow());
            }
            assertThat(workers).allSatisfy(w -> assertThat(w.isAlive()).isTrue());

            parent.destroyForcibly();
            parent.waitFor(10, TimeUnit.SECONDS);

            for (ProcessHandle worker : workers) {
                assertThat(worker.onExit().get(10, TimeUnit.SECONDS).isAlive())
                        .as("worker %d after its parent died", worker.pid()).isFalse();
            }
        } finally {
            parent.destroyForcibly();
            workers.forEach(ProcessHandle::destroyForcibly);
        }
    }
}
