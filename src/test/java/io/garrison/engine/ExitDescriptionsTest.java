package io.garrison.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.garrison.protocol.MessageType;
import org.junit.jupiter.api.Test;

class ExitDescriptionsTest {

    @Test
    void aWorkerThatLeftBecauseThePoolFellSilentIsSaidToHaveHeardNothing() {
        assertThat(ExitDescriptions.describe(MessageType.PARENT_SILENT_EXIT_STATUS))
                .isEqualTo("exit code 4: it heard nothing from the pool for too long");
        assertThat(ExitDescriptions.describe(3)).isEqualTo("exit code 3");
    }

    @Test
    void aDeathBySignalIsNamed() {
        assumeFalse(System.getProperty("os.name").startsWith("Windows"), "exit values are signals on Unix only");
        assertThat(ExitDescriptions.describe(128 + 9)).isEqualTo("killed by signal 9 (SIGKILL)");
    }
}
