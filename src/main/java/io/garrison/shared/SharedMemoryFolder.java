package io.garrison.shared;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Where shared memory files live, how they are named, and how the files of dead owners are removed.
 *
 * <p>The folder is {@code /dev/shm/garrison-USER} where {@code /dev/shm} exists (a RAM file system, so the
 * pages never reach a disk), else {@code garrison-shm-USER} in the temporary folder. The system property
 * {@code garrison.shm.dir} overrides both; child JVMs started by {@link ChildJvm} inherit it. The per-user
 * folder keeps users of one machine from colliding in a shared, sticky {@code /dev/shm}.
 *
 * <p>Thread-safe.
 */
public final class SharedMemoryFolder {

    /** System property that names the folder explicitly. */
    public static final String FOLDER_PROPERTY = "garrison.shm.dir";
    static final String SUFFIX = ".gshm";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}");
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final AtomicBoolean SWEPT = new AtomicBoolean();
    private static final Set<Path> OWNED = ConcurrentHashMap.newKeySet();

    static {
        // An owner that exits without close() still removes its files; only a crash leaves them behind.
        Runtime.getRuntime().addShutdownHook(new Thread(SharedMemoryFolder::deleteOwned, "garrison-shm-cleanup"));
    }

    private SharedMemoryFolder() {
    }

    /** The folder shared memory files are created in (created on first use, readable by the user only). */
    public static Path folder() {
        Path folder = chooseFolder();
        try {
            if (!Files.isDirectory(folder)) {
                Files.createDirectories(folder);
                if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the shared memory folder " + folder, e);
        }
        return folder;
    }

    private static Path chooseFolder() {
        String explicit = System.getProperty(FOLDER_PROPERTY);
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9_-]", "_");
        Path shm = Path.of("/dev/shm");
        if (Files.isDirectory(shm) && Files.isWritable(shm)) {
            return shm.resolve("garrison-" + user);
        }
        return Path.of(System.getProperty("java.io.tmpdir")).resolve("garrison-shm-" + user);
    }

    /** The file behind the shared object {@code name}. */
    static Path fileOf(String name) {
        return folder().resolve(checkName(name) + SUFFIX);
    }

    /** Rejects names that could leave the folder or clash with the file system: letters, digits, {@code ._-}. */
    static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("shared memory name must be 1-100 letters, digits, '.', '_' or '-',"
                    + " not starting with '.': " + name);
        }
        return name;
    }

    /** A name no other live object uses: this process's PID keeps processes apart, the counter objects. */
    static String freshName() {
        return "g" + ProcessLiveness.currentPid() + "-" + SEQUENCE.incrementAndGet() + "-"
                + Long.toHexString(System.nanoTime() & 0xffffff);
    }

    /** Runs {@link #removeStale()} once per JVM, before this process creates its first object. */
    static void sweepOnce() {
        if (SWEPT.compareAndSet(false, true)) {
            removeStale();
        }
    }

    /**
     * Removes the files whose owner process is no longer alive, left by owners that crashed before they could
     * close them. Files of live owners, and files that are not shared memory files, are left alone.
     *
     * @return how many files were removed
     */
    public static int removeStale() {
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder(), "*" + SUFFIX)) {
            for (Path file : files) {
                long owner = SharedSegment.ownerPidOf(file);
                if (owner > 0 && !ProcessLiveness.isAlive(owner) && Files.deleteIfExists(file)) {
                    removed++;
                }
            }
        } catch (IOException e) {
            // A sweep is housekeeping: failing it must not stop the program that wanted shared memory.
            log().log(System.Logger.Level.WARNING, "could not sweep stale shared memory files: " + e.getMessage());
        }
        return removed;
    }

    static void registerOwned(Path file) {
        OWNED.add(file);
    }

    static void deleteOwned(Path file) {
        OWNED.remove(file);
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Some systems refuse to delete a mapped file; the next start sweeps it once this owner is gone.
            file.toFile().deleteOnExit();
        }
    }

    private static void deleteOwned() {
        for (Path file : Set.copyOf(OWNED)) {
            deleteOwned(file);
        }
    }

    /** Asked for when needed: finding a logger starts the logging system, which a pool's start-up need not pay for. */
    private static System.Logger log() {
        return System.getLogger(SharedMemoryFolder.class.getName());
    }
}
