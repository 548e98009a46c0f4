package io.garrison.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.garrison.task.TaskKinds;
import org.junit.jupiter.api.Test;

class WorkerFlagsTest {

    @Test
    void kindsThatWaitAndTinyComputationsGetTheQuickCompilerOnlyAndHeavyOnesBoth() {
        assertThat(WorkerFlags.forKind("command")).containsExactly("-XX:TieredStopAtLevel=1");
        assertThat(WorkerFlags.forKind("download")).containsExactly("-XX:TieredStopAtLevel=1");
        assertThat(WorkerFlags.forKind("sleep")).containsExactly("-XX:TieredStopAtLevel=1");
        assertThat(WorkerFlags.forKind("square")).containsExactly("-XX:TieredStopAtLevel=1");
        assertThat(WorkerFlags.forKind("cpu")).isEmpty();
        assertThat(TaskKinds.NAMES).as("a new kind must be placed on one side").hasSize(5);
    }
}
