package io.garrison.task;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OwnPidTest {

    @Test
    void isThePidTheJdkKnowsThisProcessBy() {
        assertThat(OwnPid.get()).isEqualTo(ProcessHandle.current().pid());
    }
}
