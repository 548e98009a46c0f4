package io.garrison.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.garrison.engine.ProcessPool;
import io.garrison.engine.TaskFunction;
import io.garrison.task.TaskKinds;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkerFlagsTest {

    @Test
    void kindsThatWaitAndTinyComputationsGetTheQuickCompilerOnlyAndHeavyOnesBoth() {
        assertThat(WorkerFlags.forKind("command")).startsWith("-XX:TieredStopAtLevel=1");
        assertThat(WorkerFlags.forKind("download")).containsExactly("-XX:TieredStopAtLevel=1", "-Dhttp.keepAlive=false");
        assertThat(WorkerFlags.forKind("sleep")).containsExactly("-XX:TieredStopAtLevel=1");
        assertThat(WorkerFlags.forKind("square")).containsExactly("-XX:TieredStopAtLevel=1");
        assertThat(WorkerFlags.forKind("cpu")).isEmpty();
        assertThat(TaskKinds.NAMES).as("a new kind must be placed on one side").hasSize(5);
    }

    /** The launcher raises the thresholds for every worker; a command worker must end up with the usual ones. */
    @Test
    void commandWorkersRunWithTheQuickCompilersUsualThresholdsNotTheLaunchersRaisedOnes() throws Exception {
        TaskFunction<String, String> vmOption = name -> ManagementFactory
                .getPlatformMXBean(HotSpotDiagnosticMXBean.class).getVMOption(name).getValue();
        try (ProcessPool pool = ProcessPool.builder().size(1).jvmOptions(WorkerFlags.forKind("command")).build()) {
            assertThat(pool.map(vmOption, List.of("TieredStopAtLevel", "Tier3InvocationThreshold",
                    "Tier3MinInvocationThreshold", "Tier3CompileThreshold"), 1))
                    .containsExactly("1", "200", "100", "2000");
        }
        try (ProcessPool pool = ProcessPool.builder().size(1).jvmOptions(WorkerFlags.forKind("download")).build()) {
            assertThat(pool.map(vmOption, List.of("Tier3InvocationThreshold"), 1)).containsExactly("2000");
        }
    }
}
