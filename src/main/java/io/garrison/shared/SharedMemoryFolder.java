package io.garrison.shared;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
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

    private static final Set<PosixFilePermission> PRIVATE_FOLDER = PosixFilePermissions.fromString("rwx------");
    /** Found once per JVM by {@link #currentUser(Path)}; a race only repeats the probe. */
    private static volatile UserPrincipal currentUser;
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

    /**
     * The folder shared memory files are created in, created on first use for this user only.
     *
     * <p>The default per-user folder sits in a folder every user can write to, so another user could create it
     * first and read or replace every object. It is used only if it is a real folder (not a link) owned by this
     * process's user; one owned by someone else is refused with the reason, never used, and never replaced by a
     * private folder elsewhere, because its name is how this user's processes find each other's objects. One of
     * ours that others may enter is closed to mode 0700 (only the owner could have made it so, and only the
     * owner's chmod can fix it). A folder named by {@value #FOLDER_PROPERTY} is the user's choice and used as is.
     *
     * @throws IllegalStateException if the per-user folder belongs to another user or is not a folder
     */
    public static Path folder() {
        String explicit = System.getProperty(FOLDER_PROPERTY);
        Path folder = chooseFolder();
        try {
            if (explicit != null && !explicit.isBlank()) {
                if (!Files.isDirectory(folder)) {
                    Files.createDirectories(folder);
                    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                        Files.setPosixFilePermissions(folder, PRIVATE_FOLDER);
                    }
                }
                return folder;
            }
            return privateFolder(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the shared memory folder " + folder, e);
        }
    }

    /** {@code folder}, created with mode 0700, or checked and closed to 0700 if it exists. */
    static Path privateFolder(Path folder) throws IOException {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createDirectories(folder);
            return folder;
        }
        try {
            Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(PRIVATE_FOLDER));
            return folder;
        } catch (FileAlreadyExistsException e) {
            // made earlier by us, or planted by someone else: checked below
        }
        PosixFileAttributes attributes = Files.readAttributes(folder, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!attributes.isDirectory()) {
            throw new IllegalStateException("the shared memory folder " + folder + " is not a folder"
                    + (attributes.isSymbolicLink() ? " but a link" : "") + "; remove it, or set -D" + FOLDER_PROPERTY);
        }
        UserPrincipal me = currentUser(folder);
        if (!attributes.owner().equals(me)) {
            throw new IllegalStateException("the shared memory folder " + folder + " belongs to "
                    + attributes.owner().getName() + ", not to " + me.getName() + ": another user may have planted it"
                    + " to read or change your shared objects. Remove it (as that user or root), or set -D"
                    + FOLDER_PROPERTY + " to a private folder");
        }
        if (!attributes.permissions().equals(PRIVATE_FOLDER)) {
            log().log(System.Logger.Level.WARNING, "the shared memory folder " + folder + " had mode "
                    + PosixFilePermissions.toString(attributes.permissions()) + "; closing it to rwx------");
            Files.setPosixFilePermissions(folder, PRIVATE_FOLDER);
        }
        return folder;
    }

    /** The user this process runs as: the owner of what it creates, whatever {@code user.name} says. */
    private static UserPrincipal currentUser(Path near) throws IOException {
        UserPrincipal known = currentUser;
        if (known != null) {
            return known;
        }
        Path probe = Files.createTempFile(near.getParent(), ".garrison-owner-", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            currentUser = Files.getOwner(probe);
            return currentUser;
        } finally {
            Files.deleteIfExists(probe);
        }
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

    /** Mode 0600 for a new file where the file system has POSIX permissions; nothing elsewhere. */
    static FileAttribute<?>[] privateFileAttributes() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
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
