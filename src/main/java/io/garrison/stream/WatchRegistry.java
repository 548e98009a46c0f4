package io.garrison.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The runs of this user that serve their events on this machine: one file each, {@code PID.json} (mode 0600), in
 * {@code $XDG_RUNTIME_DIR/garrison/} when that is set, else in {@code garrison-watch-USER} (mode 0700) in the
 * temporary folder. A run writes its file when it starts serving and removes it when it ends; the file of a run
 * that died without removing it is removed by whoever reads the folder next.
 *
 * <p>The files hold the runs' tokens, so the folder must be this user's alone: one that is a link, belongs to
 * someone else or lets others in is not read and not written.
 *
 * <p>Any thread: every call reads the folder anew.
 */
public final class WatchRegistry {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> PRIVATE_FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> PRIVATE_FILE = PosixFilePermissions.fromString("rw-------");
    /** Found once per JVM by {@link #me()}; a race only repeats the probe. */
    private static volatile UserPrincipal me;
    private static final String SUFFIX = ".json";
    /**
     * A process started this long after a run registered cannot be that run, only a later one given its PID: the
     * run's own start is before its registration, and the slack covers how coarsely the system dates processes.
     */
    private static final long PID_REUSE_SLACK_MS = 2_000;

    private final Path folder;

    /** The registry in {@code folder}, for tests and for a user who keeps it elsewhere. */
    public WatchRegistry(Path folder) {
        this.folder = folder;
    }

    /** This user's registry, in the runtime folder described above. */
    public static WatchRegistry forThisUser() {
        return new WatchRegistry(defaultFolder(System.getenv(), System.getProperty("java.io.tmpdir"),
                System.getProperty("user.name", "user")));
    }

    static Path defaultFolder(Map<String, String> environment, String tmpdir, String user) {
        String runtime = environment.get("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isBlank() && Files.isDirectory(Path.of(runtime))) {
            return Path.of(runtime, "garrison");
        }
        return Path.of(tmpdir, "garrison-watch-" + user.replaceAll("[^A-Za-z0-9_-]", "_"));
    }

    public Path folder() {
        return folder;
    }

    /**
     * The live runs, oldest first. Files of runs whose process is gone (or whose PID now names a later process)
     * are removed, with the event files they left.
     */
    public List<WatchedRun> liveRuns() {
        List<WatchedRun> live = new ArrayList<>();
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS) || !isPrivate()) {
            return live;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*" + SUFFIX)) {
            for (Path file : files) {
                WatchedRun run = read(file);
                if (run == null) {
                    continue;
                }
                if (isAlive(run)) {
                    live.add(run);
                } else {
                    removeStale(file, run);
                }
            }
        } catch (IOException e) {
            // A folder that cannot be listed holds no run this user can watch.
        }
        live.sort(Comparator.comparing(WatchedRun::started));
        return live;
    }

    /** The live run serving on {@code port}. */
    public Optional<WatchedRun> byPort(int port) {
        return liveRuns().stream().filter(run -> run.port() == port).findFirst();
    }

    /** The live run of process {@code pid}. */
    public Optional<WatchedRun> byPid(long pid) {
        return liveRuns().stream().filter(run -> run.pid() == pid).findFirst();
    }

    /** Writes {@code run}'s file whole (written aside, then moved into place), in a folder made private first. */
    Registration register(WatchedRun run) throws IOException {
        privateFolder();
        ObjectNode node = JSON.createObjectNode();
        node.put("version", WatchProtocol.VERSION);
        node.put("pid", run.pid());
        node.put("port", run.port());
        node.put("token", run.token());
        node.put("list", run.list());
        node.put("kind", run.kind());
        node.put("startedMs", run.started().toEpochMilli());
        if (run.spool() != null) {
            node.put("spool", run.spool().toString());
        }
        Path file = folder.resolve(run.pid() + SUFFIX);
        Path aside = folder.resolve(run.pid() + SUFFIX + ".new");
        Files.deleteIfExists(aside);
        Files.write(Files.createFile(aside, privateFile()), node.toString().getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.WRITE);
        Files.move(aside, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        // Gone even when the run is stopped by a signal before it can remove it itself.
        file.toFile().deleteOnExit();
        return new Registration(file);
    }

    /** A run's entry, removed when the run stops serving. */
    static final class Registration implements Closeable {
        private final Path file;

        private Registration(Path file) {
            this.file = file;
        }

        @Override
        public void close() {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // Readers remove it once the run's process is gone.
            }
        }
    }

    private static WatchedRun read(Path file) {
        try {
            JsonNode node = JSON.readTree(Files.readString(file));
            if (node == null || !node.path("pid").canConvertToLong() || !node.path("port").canConvertToInt()
                    || !node.path("token").isTextual()) {
                return null;
            }
            String spool = node.path("spool").asText(null);
            return new WatchedRun(node.get("pid").asLong(), node.get("port").asInt(), node.get("token").asText(),
                    node.path("list").asText(""), node.path("kind").asText(""),
                    Instant.ofEpochMilli(node.path("startedMs").asLong(0)), spool == null ? null : Path.of(spool));
        } catch (NoSuchFileException gone) {
            return null;
        } catch (IOException e) {
            // Half-written by hand, or not ours to read: not a run anyone can watch.
            return null;
        }
    }

    private static boolean isAlive(WatchedRun run) {
        return ProcessHandle.of(run.pid())
                .filter(ProcessHandle::isAlive)
                .map(process -> process.info().startInstant()
                        .map(start -> start.toEpochMilli() <= run.started().toEpochMilli() + PID_REUSE_SLACK_MS)
                        .orElse(true))
                .orElse(false);
    }

    private static void removeStale(Path file, WatchedRun run) {
        try {
            Files.deleteIfExists(file);
            if (run.spool() != null && run.spool().getFileName().toString().startsWith(EventSpool.PREFIX)) {
                Files.deleteIfExists(run.spool());
            }
        } catch (IOException e) {
            // Another reader removed it first, or it is not ours: either way it is no longer listed.
        }
    }

    /**
     * Whether the folder is a real folder of this process's user; one of ours that others may enter is closed to
     * mode 0700 (only its owner could have opened it). Always so where files have no POSIX permissions.
     */
    private boolean isPrivate() {
        if (!POSIX) {
            return true;
        }
        try {
            PosixFileAttributes attributes = Files.readAttributes(folder, PosixFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isDirectory() || !attributes.owner().equals(me())) {
                return false;
            }
            if (!attributes.permissions().equals(PRIVATE_FOLDER)) {
                Files.setPosixFilePermissions(folder, PRIVATE_FOLDER);
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The folder, made with mode 0700 if it is not there. @throws IOException if it is not this user's alone */
    private void privateFolder() throws IOException {
        Files.createDirectories(folder.getParent());
        try {
            Files.createDirectory(folder, POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PRIVATE_FOLDER)}
                    : new FileAttribute<?>[0]);
        } catch (FileAlreadyExistsException e) {
            // made earlier by us, or planted by someone else: checked below
        }
        if (!isPrivate()) {
            throw new IOException("the folder " + folder + " is not a folder of this user's alone (a link, or another"
                    + " user's): remove it, as its owner or root");
        }
    }

    private static FileAttribute<?>[] privateFile() {
        return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PRIVATE_FILE)} : new FileAttribute<?>[0];
    }

    /** The user this process runs as: the owner of what it creates, whatever {@code user.name} says. */
    private static UserPrincipal me() throws IOException {
        UserPrincipal known = me;
        if (known != null) {
            return known;
        }
        Path probe = Files.createTempFile(".garrison-owner-", ".tmp", privateFile());
        try {
            me = Files.getOwner(probe);
            return me;
        } finally {
            Files.deleteIfExists(probe);
        }
    }
}
