package io.garrison.engine;

import io.garrison.protocol.FrameOutput;
import io.garrison.protocol.MessageType;
import io.garrison.worker.WorkerMain;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * An AppCDS archive of the classes a worker loads, so that each worker JVM maps them instead of loading and
 * verifying them (about 15 ms of CPU per worker here, multiplied by the pool size on every start).
 *
 * <p>The archive is keyed by runtime and class path and kept in the user's cache folder. The first pool on
 * a new build records one in the background with a training worker that runs a task and exits; later pools
 * use it. The JVM only archives classes from jar files, so a class path with folders (a development build)
 * simply goes without. A stale or damaged archive is refused by the JVM, which then starts as usual.
 */
final class WorkerClassArchive {

    static final String DISABLE_PROPERTY = "garrison.cds";
    private static final int ARCHIVES_KEPT = 4;
    private static final AtomicBoolean TRAINING_STARTED = new AtomicBoolean();

    private WorkerClassArchive() {
    }

    /** The JVM options that use the archive, or none yet; may start recording it for next time. */
    static List<String> options(Path javaExecutable, List<String> jvmFlags, String classPath) {
        if ("false".equals(System.getProperty(DISABLE_PROPERTY))) {
            return List.of();
        }
        Optional<Path> archive = archivePath(javaExecutable, jvmFlags, classPath);
        if (archive.isEmpty()) {
            return List.of();
        }
        if (Files.isReadable(archive.get())) {
            return List.of("-XX:SharedArchiveFile=" + archive.get());
        }
        removeAbandonedTrainings(archive.get().getParent());
        if (TRAINING_STARTED.compareAndSet(false, true)) {
            Thread trainer = new Thread(() -> record(javaExecutable, jvmFlags, classPath, archive.get()), "garrison-cds-training");
            trainer.setDaemon(true);
            trainer.start();
        }
        return List.of();
    }

    private static Optional<Path> archivePath(Path javaExecutable, List<String> jvmFlags, String classPath) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            update(digest, javaExecutable.toString());
            update(digest, System.getProperty("java.vm.version"));
            jvmFlags.forEach(flag -> update(digest, flag));
            for (String entry : classPath.split(java.io.File.pathSeparator)) {
                Path jar = Path.of(entry);
                if (!entry.endsWith(".jar") || !Files.isRegularFile(jar)) {
                    return Optional.empty();
                }
                update(digest, jar.toAbsolutePath().toString());
                update(digest, Files.size(jar) + ":" + Files.getLastModifiedTime(jar).toMillis());
            }
            String key = HexFormat.of().formatHex(digest.digest()).substring(0, 20);
            return Optional.of(cacheFolder().resolve("worker-" + key + ".jsa"));
        } catch (IOException | NoSuchAlgorithmException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static void update(MessageDigest digest, String text) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
    }

    static Path cacheFolder() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("garrison").resolve("cds");
    }

    private static void record(Path javaExecutable, List<String> jvmFlags, String classPath, Path archive) {
        Path temp = null;
        Process trainer = null;
        try {
            Files.createDirectories(archive.getParent());
            temp = archive.resolveSibling(archive.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
            List<String> command = new ArrayList<>();
            command.add(javaExecutable.toString());
            command.addAll(jvmFlags);
            command.add("-XX:ArchiveClassesAtExit=" + temp);
            command.add("-D" + WorkerMain.EXIT_NORMALLY_PROPERTY + "=true");
            command.add("-cp");
            command.add(classPath);
            command.add(WorkerLauncher.WORKER_MAIN);
            trainer = new ProcessBuilder(command)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            try (OutputStream stdin = trainer.getOutputStream()) {
                trainingTask().writeTo(stdin);
            }
            if (trainer.waitFor(60, TimeUnit.SECONDS) && trainer.exitValue() == 0 && Files.size(temp) > 0) {
                Files.move(temp, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                pruneOldArchives(archive);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            // Without an archive workers start a little slower; nothing else changes.
        } finally {
            if (trainer != null) {
                trainer.destroyForcibly();
            }
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // a stray temporary file in the cache folder
                }
            }
        }
    }

    /**
     * One square task and one task of a serialized lambda, so that the classes of the protocol, the loop, a
     * task kind and the machinery that revives a lambda (about a quarter of a second of a fresh worker's first
     * lambda task) are all recorded.
     */
    private static FrameOutput trainingTask() throws IOException {
        FrameOutput out = new FrameOutput(1024);
        FunctionRef.ofKind(1, "square", io.garrison.task.TaskOptions.none()).writeDefinition(out);
        runOne(out, 1, 0, "7");
        TaskFunction<Integer, Integer> increment = x -> x + 1;
        FunctionRef.ofSerialized(2, io.garrison.protocol.WireValues.serialize(increment)).writeDefinition(out);
        runOne(out, 2, 1, 7);
        return out;
    }

    private static void runOne(FrameOutput out, int functionId, int taskId, Object input) throws IOException {
        out.writeByte(MessageType.RUN);
        out.writeInt(functionId);
        out.writeInt(1);
        out.writeInt(taskId);
        out.writeInt(taskId + 1);
        out.writeValue(input);
    }

    /**
     * A training run whose parent exited first (a short CLI run) leaves its temporary file behind: the JVM
     * writes the archive at its very end, after any code of ours could rename it. The next start cleans up.
     */
    private static void removeAbandonedTrainings(Path folder) {
        long tooOld = System.currentTimeMillis() - TimeUnit.MINUTES.toMillis(2);
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList()) {
                if (modified(file) < tooOld) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException | RuntimeException e) {
            // no cache folder yet, or a file another process removed first
        }
    }

    private static void pruneOldArchives(Path keep) throws IOException {
        try (Stream<Path> files = Files.list(keep.getParent())) {
            List<Path> archives = files.filter(p -> p.getFileName().toString().endsWith(".jsa"))
                    .sorted(Comparator.comparing(WorkerClassArchive::modified).reversed())
                    .toList();
            for (Path old : archives.subList(Math.min(ARCHIVES_KEPT, archives.size()), archives.size())) {
                if (!old.equals(keep)) {
                    Files.deleteIfExists(old);
                }
            }
        }
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
