package io.garrison.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs {@code garrison} as its own process, exactly as a script would, with a bound on its time. */
record CliProcess(int exitCode, String stdout, String stderr) {

    static CliProcess run(Path workDir, String stdin, String... args) throws IOException, InterruptedException {
        return run(workDir, List.of(), stdin, args);
    }

    /** As {@link #run(Path, String, String...)}, with options for garrison's own JVM. */
    static CliProcess run(Path workDir, List<String> jvmOptions, String stdin, String... args)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile(workDir, "stdout", ".txt");
        Path err = Files.createTempFile(workDir, "stderr", ".txt");
        Process process = start(workDir, jvmOptions, out, err, args);
        try {
            process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().close();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                throw new AssertionError("garrison did not finish in 60 s: " + Files.readString(err));
            }
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        return new CliProcess(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    /**
     * Starts garrison, with options for its JVM and its stdout and stderr going to files, for a test that watches
     * it run; the caller ends it and its descendants.
     */
    static Process start(Path workDir, List<String> jvmOptions, Path stdout, Path stderr, String... args)
            throws IOException {
        return start(workDir, jvmOptions, Map.of(), stdout, stderr, args);
    }

    /** As {@link #start(Path, List, Path, Path, String...)}, with variables added to garrison's environment. */
    static Process start(Path workDir, List<String> jvmOptions, Map<String, String> environment, Path stdout,
                         Path stderr, String... args) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command(jvmOptions, args)).directory(workDir.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        builder.environment().putAll(environment);
        return builder.start();
    }

    /**
     * Starts {@code garrison} and leaves it running, for a test that ends it itself (a kill mid-run); its stdin
     * is empty and its outputs are dropped.
     */
    static Process start(Path workDir, String... args) throws IOException {
        Process process = new ProcessBuilder(command(List.of(), args)).directory(workDir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        process.getOutputStream().close();
        return process;
    }

    private static List<String> command(List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // English unless the test asks for another language: the child would take the machine's.
        command.addAll(List.of("-Duser.language=en", "-Duser.country=US"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.garrison.Launcher"));
        command.addAll(List.of(args));
        return command;
    }
}
