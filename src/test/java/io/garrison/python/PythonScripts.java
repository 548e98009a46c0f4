package io.garrison.python;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.garrison.task.ProcessGroups;
import io.garrison.testing.Await;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Scripts for the tests, the machine's python3 (or a skipped test), and what a run may leave behind. */
public final class PythonScripts {

    private PythonScripts() {
    }

    /** The machine's Python; the calling test is skipped where there is none that the probe can use. */
    public static PythonInterpreter python() {
        Optional<PythonInterpreter> found;
        try {
            found = Optional.of(PythonInterpreter.find());
        } catch (PythonUnavailableException e) {
            found = Optional.empty();
        }
        assumeTrue(found.isPresent(), "needs python3 (3.8 or later) on the PATH");
        return found.get();
    }

    public static Path write(Path folder, String name, String text) throws IOException {
        Path script = folder.resolve(name);
        Files.writeString(script, text, StandardCharsets.UTF_8);
        return script;
    }

    /**
     * Waits until no process of the script's group is left (zombies waiting for init count as gone) and none
     * names the script on its command line.
     */
    public static void awaitNothingLeftOf(long scriptPid, Path script) {
        Await.await("no process of the script's group " + scriptPid + " or naming " + script + " left",
                () -> ProcessHandle.allProcesses().filter(p -> !zombie(p.pid())).noneMatch(p ->
                        ProcessGroups.groupOf(p.pid()) == scriptPid
                                || p.info().commandLine().orElse("").contains(script.toString())),
                Duration.ofSeconds(10));
    }

    private static boolean zombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }
}
