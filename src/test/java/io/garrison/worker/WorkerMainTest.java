package io.garrison.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WorkerMainTest {

    @Test
    void aProcessWithAChildIsNeverTakenForChildless() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "Linux only");
        Process child = new ProcessBuilder("sleep", "30").start();
        try {
            assertThat(WorkerMain.mayHaveChildren()).as("with a sleep running").isTrue();
        } finally {
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
        }
        // Other tests of this JVM may have children of their own; without any, the answer must be "none".
        boolean anyChild = ProcessHandle.current().children().findAny().isPresent();
        assertThat(WorkerMain.mayHaveChildren()).as("children left: %s", anyChild).isEqualTo(anyChild);
    }
}
