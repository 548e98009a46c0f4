package io.garrison.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * An AppCDS archive of the classes a worker loads, so that each worker JVM maps them instead of loading and
 * verifying them (about 15 ms of CPU per worker here, multiplied by the pool size on every start).
 *
 * <p>The archive is keyed by runtime, worker flags and class path and kept in the user's cache folder. The
 * first pool on a new build records one in the background ({@link WorkerClassTraining}); later pools use it.
 * A process that ends before the recording is done (a short CLI run) waits for it at exit, a bounded few
 * seconds once per build, because otherwise short runs would never get an archive and would each pay for a
 * new recording. A lock file keeps concurrent processes from recording the same archive twice. The JVM only
 * archives classes from jar files, so a class path with folders (a development build) simply goes without.
 * A stale or damaged archive is refused by the JVM, which then starts as usual.
 */
final class WorkerClassArchive {

    static final String DISABLE_PROPERTY = "garrison.cds";
    /** Overrides the cache folder (tests); otherwise {@code $XDG_CACHE_HOME/garrison/cds}. */
    static final String FOLDER_PROPERTY = "garrison.cds.folder";
    private static final int ARCHIVES_KEPT = 4;
    private static final long ABANDONED_AFTER_MS = TimeUnit.MINUTES.toMillis(2);
    private static final Duration EXIT_WAIT = Duration.ofSeconds(5);

    /** One attempt per archive and process: a recording that failed is not retried by every new pool. */
    private static final Map<Path, Thread> RECORDINGS = new HashMap<>();

    private WorkerClassArchive() {
    }

    /** The JVM options that use the archive, or none yet; may start recording it for next time. */
    static List<String> options(Path javaExecutable, List<String> jvmFlags, String classPath) {
        if ("false".equals(System.getProperty(DISABLE_PROPERTY))) {
            return List.of();
        }
        Optional<Path> archive = archivePath(cacheFolder(), javaExecutable, jvmFlags, classPath);
        if (archive.isEmpty()) {
            return List.of();
        }
        if (Files.isReadable(archive.get())) {
            return List.of("-XX:SharedArchiveFile=" + archive.get());
        }
        startRecording(new WorkerClassTraining(javaExecutable, jvmFlags, classPath, archive.get()), archive.get());
        return List.of();
    }

    /**
     * Waits up to {@code limit} for a recording this process started; one still running then is stopped and
     * leaves nothing behind. True when no recording is left running.
     */
    static boolean awaitRecording(Duration limit) {
        List<Thread> running;
        synchronized (WorkerClassArchive.class) {
            running = List.copyOf(RECORDINGS.values());
        }
        long deadline = System.nanoTime() + limit.toNanos();
        try {
            for (Thread thread : running) {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return running.stream().noneMatch(Thread::isAlive);
    }

    private static synchronized void startRecording(WorkerClassTraining training, Path archive) {
        if (RECORDINGS.containsKey(archive)) {
            return;
        }
        Path folder = archive.getParent();
        removeAbandoned(folder);
        Path lock = archive.resolveSibling(archive.getFileName() + ".lock");
        try {
            Files.createDirectories(folder);
            Files.createFile(lock);
        } catch (FileAlreadyExistsException anotherProcessRecords) {
            return;
        } catch (IOException | RuntimeException e) {
            return;
        }
        Thread thread = new Thread(() -> {
            try {
                if (training.record()) {
                    pruneOldArchives(archive);
                }
            } finally {
                deleteQuietly(lock);
            }
        }, "garrison-cds-recording");
        thread.setDaemon(true);
        RECORDINGS.put(archive, thread);
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> finishBeforeExit(thread, training), "garrison-cds-exit"));
        } catch (IllegalStateException exiting) {
            deleteQuietly(lock);
            return;
        }
        thread.start();
    }

    /** Lets a recording finish as this process exits (bounded), else stops it: no orphan, no partial archive. */
    private static void finishBeforeExit(Thread recording, WorkerClassTraining training) {
        try {
            recording.join(EXIT_WAIT.toMillis());
        } catch (InterruptedException e) {
            // stop it now
        }
        if (recording.isAlive()) {
            training.stop();
            try {
                recording.join(1000);
            } catch (InterruptedException e) {
                // its files are removed as abandoned by a later start
            }
        }
    }

    static Optional<Path> archivePath(Path folder, Path javaExecutable, List<String> jvmFlags, String classPath) {
        try {
            // FNV-1a, 64 bits: a cache key, not a security check (the JVM itself validates an archive against
            // its class path and runtime), and MessageDigest would load the security providers at start-up.
            long hash = 0xcbf29ce484222325L;
            hash = update(hash, javaExecutable.toString());
            hash = update(hash, System.getProperty("java.vm.version"));
            for (String flag : jvmFlags) {
                // Which compilers run does not enter the JVM's checks of an archive, so pools that differ only
                // in that (the CLI's waiting kinds) share one archive and one recording.
                if (!flag.startsWith("-XX:TieredStopAtLevel=")) {
                    hash = update(hash, flag);
                }
            }
            for (String entry : classPath.split(java.io.File.pathSeparator)) {
                Path jar = Path.of(entry);
                if (!entry.endsWith(".jar") || !Files.isRegularFile(jar)) {
                    return Optional.empty();
                }
                hash = update(hash, jar.toAbsolutePath().toString());
                hash = update(hash, Files.size(jar) + ":" + Files.getLastModifiedTime(jar).toMillis());
            }
            String hex = Long.toHexString(hash);
            return Optional.of(folder.resolve("worker-" + "0".repeat(16 - hex.length()) + hex + ".jsa"));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static long update(long hash, String text) {
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
        }
        return (hash ^ 0xff) * 0x100000001b3L;
    }

    static Path cacheFolder() {
        String override = System.getProperty(FOLDER_PROPERTY);
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("garrison").resolve("cds");
    }

    /**
     * A recording whose process was killed leaves its temporary file or lock behind: the JVM writes the
     * archive at its very end, after any code of ours could rename it. The next start cleans up.
     */
    private static void removeAbandoned(Path folder) {
        long tooOld = System.currentTimeMillis() - ABANDONED_AFTER_MS;
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(p -> p.getFileName().toString().endsWith(".tmp")
                    || p.getFileName().toString().endsWith(".lock")).toList()) {
                if (modified(file) < tooOld) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException | RuntimeException e) {
            // no cache folder yet, or a file another process removed first
        }
    }

    private static void pruneOldArchives(Path keep) {
        try (Stream<Path> files = Files.list(keep.getParent())) {
            List<Path> archives = files.filter(p -> p.getFileName().toString().endsWith(".jsa"))
                    .sorted(Comparator.comparing(WorkerClassArchive::modified).reversed())
                    .toList();
            for (Path old : archives.subList(Math.min(ARCHIVES_KEPT, archives.size()), archives.size())) {
                if (!old.equals(keep)) {
                    Files.deleteIfExists(old);
                }
            }
        } catch (IOException | RuntimeException e) {
            // old archives stay until the next recording
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // removed as abandoned by a later start
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
