package io.garrison.ui.details;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WorkerDetailsTest {

    @Test
    void aLiveProcessHasUptimeCpuTimeAndOnLinuxItsMemory() {
        WorkerDetails details = WorkerDetails.of(ProcessHandle.current().pid());
        assertThat(details.alive()).isTrue();
        assertThat(details.uptime()).isPresent();
        assertThat(details.cpuTime()).isPresent();
        if (System.getProperty("os.name").startsWith("Linux")) {
            assertThat(details.residentKb()).hasValueSatisfying(kb -> assertThat(kb).isPositive());
        }
    }

    @Test
    void aGoneProcessSaysSo() {
        WorkerDetails details = WorkerDetails.of(Long.MAX_VALUE / 2);
        assertThat(details.alive()).isFalse();
        assertThat(details.uptime()).isEmpty();
    }
}
