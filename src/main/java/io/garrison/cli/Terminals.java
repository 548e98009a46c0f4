package io.garrison.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether stderr is a terminal, so a progress bar there is welcome even when stdout is piped. */
final class Terminals {

    private Terminals() {
    }

    static boolean stderrIsTerminal() {
        // Java 17 can only ask about stdin and stdout together (System.console()); on Linux /proc knows more.
        Path stderr = Path.of("/proc/self/fd/2");
        if (Files.exists(stderr)) {
            try {
                String target = Files.readSymbolicLink(stderr).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
        }
        return System.console() != null;
    }
}
