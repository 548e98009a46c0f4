package io.garrison.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The command prefix that starts a program under Linux's {@code SCHED_IDLE} policy ({@code chrt --idle 0}), or
 * none where that cannot be had. Checked once per process by running {@code chrt --idle 0 /bin/true}: a sandbox
 * that refuses the policy would otherwise make every worker fail to start. An interrupted check is not kept.
 */
final class IdleScheduling {

    private static final long CHECK_LIMIT_MS = 5_000;
    private static List<String> prefix;

    private IdleScheduling() {
    }

    static synchronized List<String> prefix() {
        if (prefix == null) {
            List<String> found = probe();
            if (Thread.currentThread().isInterrupted()) {
                return found;
            }
            prefix = found;
        }
        return prefix;
    }

    private static List<String> probe() {
        if (!System.getProperty("os.name").equals("Linux")) {
            return List.of();
        }
        Path trueProgram = Files.isExecutable(Path.of("/bin/true")) ? Path.of("/bin/true") : Path.of("/usr/bin/true");
        for (String candidate : new String[] {"/usr/bin/chrt", "/bin/chrt"}) {
            Path chrt = Path.of(candidate);
            if (Files.isExecutable(chrt) && works(chrt, trueProgram)) {
                return List.of(chrt.toString(), "--idle", "0");
            }
        }
        return List.of();
    }

    private static boolean works(Path chrt, Path trueProgram) {
        Process check = null;
        try {
            check = new ProcessBuilder(chrt.toString(), "--idle", "0", trueProgram.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return check.waitFor(CHECK_LIMIT_MS, TimeUnit.MILLISECONDS) && check.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            if (check != null && check.isAlive()) {
                check.destroyForcibly();
            }
        }
    }
}
