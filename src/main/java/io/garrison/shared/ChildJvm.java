package io.garrison.shared;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts a Java main class in a child JVM on this JVM's own runtime and class path, and stops it for sure.
 *
 * <p>Every child started here has an owner (whoever holds the {@link Process}), and {@link #stop(Process,
 * Duration)} is the guaranteed end: a polite destroy, a grace period, a forced destroy, then a wait until the
 * OS has reaped it, descendants included. Used by {@link Manager} and by the lessons.
 */
public final class ChildJvm {

    private ChildJvm() {
    }

    /**
     * The command line that runs {@code mainClass} with {@code args}: lean flags for a fast start, and the
     * shared memory folder property passed on so the child finds the same files.
     */
    public static List<String> command(String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Xshare:auto");
        command.addAll(inheritedOptions());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(args);
        return command;
    }

    /**
     * The JVM options a child needs to share this process's objects: the shared memory folder, when set. Pass
     * them to other launchers too, e.g. {@code ProcessPool.builder().jvmOptions(ChildJvm.inheritedOptions())}.
     */
    public static List<String> inheritedOptions() {
        String folder = System.getProperty(SharedMemoryFolder.FOLDER_PROPERTY);
        return folder == null ? List.of() : List.of("-D" + SharedMemoryFolder.FOLDER_PROPERTY + "=" + folder);
    }

    /** Starts {@code mainClass}; stderr goes to this process's stderr, stdin and stdout are pipes. */
    public static Process start(String mainClass, List<String> args) throws IOException {
        return new ProcessBuilder(command(mainClass, args))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }

    /**
     * Ends {@code process} and its descendants and waits until they are reaped: destroy, up to {@code grace}
     * to exit, then destroy forcibly. Safe to call on a process that already ended. Restores the interrupt flag
     * if interrupted, after the forced destroy.
     */
    public static void stop(Process process, Duration grace) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        descendants.forEach(ProcessHandle::destroy);
        boolean interrupted = false;
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            interrupted = true;
            process.destroyForcibly();
        }
        descendants.forEach(ProcessHandle::destroyForcibly);
        while (true) {
            try {
                process.waitFor();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
