package io.garrison.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the command line of a worker: the running app's own Java runtime and class path (so an installed
 * app image never needs a system Java) and lean flags, because a worker's start-up is on the critical path
 * of every run.
 */
final class WorkerLauncher {

    static final String WORKER_MAIN = "io.garrison.worker.WorkerMain";

    private final List<String> command;

    WorkerLauncher(List<String> extraJvmOptions) {
        List<String> argv = new ArrayList<>();
        argv.add(javaExecutable().toString());
        // Serial GC and no perf-data file: a worker is one thread doing one task, and each file or GC thread
        // costs start-up time multiplied by the pool size. Running out of memory is a death the pool handles.
        argv.add("-XX:+UseSerialGC");
        argv.add("-XX:-UsePerfData");
        argv.add("-XX:+ExitOnOutOfMemoryError");
        argv.add("-Xshare:auto");
        argv.add("-Dfile.encoding=UTF-8");
        argv.add("-Djava.awt.headless=true");
        argv.addAll(extraJvmOptions);
        argv.add("-cp");
        argv.add(System.getProperty("java.class.path"));
        argv.add(WORKER_MAIN);
        this.command = List.copyOf(argv);
    }

    List<String> command() {
        return command;
    }

    Process start() throws IOException {
        return new ProcessBuilder(command).start();
    }

    static Path javaExecutable() {
        Path home = Path.of(System.getProperty("java.home"));
        Path java = home.resolve("bin").resolve(System.getProperty("os.name").startsWith("Windows") ? "java.exe" : "java");
        if (Files.isExecutable(java)) {
            return java;
        }
        return ProcessHandle.current().info().command().map(Path::of)
                .orElseThrow(() -> new IllegalStateException("no java executable found under " + home));
    }
}
