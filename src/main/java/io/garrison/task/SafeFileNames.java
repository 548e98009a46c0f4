package io.garrison.task;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Turns untrusted inputs (URLs, command inputs) into file names that can only ever land inside the output
 * folder, and publishes finished files there atomically.
 */
public final class SafeFileNames {

    /** Short enough for every file system once a collision suffix is added. */
    static final int MAX_LENGTH = 120;
    private static final long PID = OwnPid.get();
    private static final java.util.concurrent.atomic.AtomicLong TEMPORARIES =
            new java.util.concurrent.atomic.AtomicLong(System.nanoTime() & 0xffffff);

    private SafeFileNames() {
    }

    /**
     * The prefix of this worker's temporary files: it carries the PID, so that the parent can remove what a
     * killed worker (timeout, kill -9, terminate) left half-written.
     */
    public static String temporaryPrefix(long workerPid) {
        return ".garrison-" + workerPid + "-";
    }

    /**
     * A new empty temporary file in {@code dir}, named so the parent can clean it up should this process die.
     * Not {@link Files#createTempFile}: its SecureRandom cost every fresh worker tens of milliseconds on its
     * first file. The PID and a counter make the name unique among live processes; a file left by an earlier
     * process with the same PID is simply skipped.
     */
    public static Path createTemporary(Path dir) throws IOException {
        Temporary temporary = openTemporary(dir);
        temporary.out().close();
        return temporary.path();
    }

    /** A temporary file and the stream that writes it. */
    public record Temporary(Path path, OutputStream out) {
    }

    /** A new temporary file, as {@link #createTemporary}, already open for writing: one open call, not two. */
    public static Temporary openTemporary(Path dir) throws IOException {
        String prefix = temporaryPrefix(PID);
        for (int attempt = 0; attempt < 10_000; attempt++) {
            Path temp = dir.resolve(prefix + Long.toString(TEMPORARIES.incrementAndGet(), 36) + ".part");
            try {
                return new Temporary(temp, Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE));
            } catch (FileAlreadyExistsException taken) {
                // left behind by an earlier process with this PID
            }
        }
        throw new IOException("no free temporary name in " + dir);
    }

    /** Removes what a dead worker left in {@code dir}; returns how many files went. */
    public static int removeTemporaries(Path dir, long workerPid) {
        String prefix = temporaryPrefix(workerPid);
        int removed = 0;
        try (java.nio.file.DirectoryStream<Path> files = Files.newDirectoryStream(dir, prefix + "*.part")) {
            for (Path file : files) {
                if (Files.deleteIfExists(file)) {
                    removed++;
                }
            }
        } catch (IOException e) {
            // nothing there, or no folder at all
        }
        return removed;
    }

    /**
     * Removes the temporary files that processes no longer alive left in {@code dir} (a worker killed with its
     * parent, so that nobody cleaned up after it): only names of the exact form {@code .garrison-PID-N.part}
     * whose PID is no live process. A file of a live process, or a PID reused since, is kept: better a stale
     * file than a running download's. Returns how many files went.
     */
    public static int removeStaleTemporaries(Path dir) {
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, ".garrison-*.part")) {
            for (Path file : files) {
                if (!isLeftTemporary(file)) {
                    continue;
                }
                try {
                    if (Files.deleteIfExists(file)) {
                        removed++;
                    }
                } catch (IOException e) {
                    // not ours to remove (permissions), or gone meanwhile
                }
            }
        } catch (IOException e) {
            // no folder yet, or one we cannot list: nothing to clean
        }
        return removed;
    }

    /** Whether {@code file} is a temporary file of the form {@link #openTemporary} gives, of a process now gone. */
    static boolean isLeftTemporary(Path file) {
        long pid = temporaryPid(file.getFileName().toString());
        return pid >= 0 && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                && !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /**
     * The PID in a name of the exact form {@link #openTemporary} gives ({@code .garrison-PID-N.part}, N in base
     * 36), else -1. Read by hand, not with a regular expression: workers load this class too, and each class a
     * worker loads costs its start-up (decision 0009).
     */
    static long temporaryPid(String name) {
        String prefix = ".garrison-";
        String suffix = ".part";
        if (!name.startsWith(prefix) || !name.endsWith(suffix)) {
            return -1;
        }
        String middle = name.substring(prefix.length(), name.length() - suffix.length());
        int dash = middle.indexOf('-');
        if (dash < 1 || dash > 18 || dash == middle.length() - 1) {
            return -1;
        }
        for (int i = 0; i < middle.length(); i++) {
            char c = middle.charAt(i);
            boolean fits = i < dash ? c >= '0' && c <= '9' : i == dash || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z');
            if (!fits) {
                return -1;
            }
        }
        return Long.parseLong(middle.substring(0, dash));
    }

    /** {@code http://example.com/a/b.png?x=1} becomes {@code example.com_a_b.png_x_1}; a bare host gets {@code _index.html}. */
    public static String forUrl(URI uri) {
        String host = uri.getHost() == null ? "" : uri.getHost();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        StringBuilder raw = new StringBuilder(host);
        if (path.isEmpty()) {
            // http://host has no path at all, not even the "/" that separates host and page.
            raw.append("/index.html");
        } else if (path.endsWith("/")) {
            raw.append(path).append("index.html");
        } else {
            raw.append(path);
        }
        if (uri.getRawQuery() != null) {
            raw.append('_').append(uri.getRawQuery());
        }
        return sanitize(raw.toString());
    }

    /** A file name for any text: letters, digits, dot, dash and underscore survive; nothing else does. */
    public static String sanitize(String text) {
        StringBuilder name = new StringBuilder(Math.min(text.length(), MAX_LENGTH));
        boolean lastWasUnderscore = false;
        for (int i = 0; i < text.length() && name.length() < MAX_LENGTH; i++) {
            char c = text.charAt(i);
            boolean plain = c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '-');
            if (plain) {
                name.append(c);
                lastWasUnderscore = false;
            } else if (!lastWasUnderscore) {
                name.append('_');
                lastWasUnderscore = true;
            }
        }
        // Leading dots would make "..", "." or hidden files.
        int start = 0;
        while (start < name.length() && (name.charAt(start) == '.' || name.charAt(start) == '_')) {
            start++;
        }
        String cleaned = name.substring(start);
        if (cleaned.isEmpty()) {
            return "download";
        }
        // Windows opens the device, not a file, for CON or NUL.txt in any folder.
        return isWindowsDeviceName(cleaned) ? "_" + cleaned : cleaned;
    }

    /** CON, PRN, AUX, NUL, COM1-9 and LPT1-9, in any case, alone or before the first dot. */
    static boolean isWindowsDeviceName(String name) {
        int dot = name.indexOf('.');
        String base = (dot < 0 ? name : name.substring(0, dot)).toUpperCase(Locale.ROOT);
        return switch (base.length()) {
            case 3 -> base.equals("CON") || base.equals("PRN") || base.equals("AUX") || base.equals("NUL");
            case 4 -> (base.startsWith("COM") || base.startsWith("LPT")) && base.charAt(3) >= '1' && base.charAt(3) <= '9';
            default -> false;
        };
    }

    /**
     * Gives a complete temporary file its final name in {@code dir}: {@code name}, or {@code name-2},
     * {@code name-3}... when taken (a command's {@code {out}}; a download takes its name whatever is there, with
     * {@link #publishAs}). A hard link claims a name atomically, so two workers finishing files with
     * the same name at once never overwrite each other; the temporary file is removed afterwards.
     *
     * @return the final path, always a direct child of {@code dir}
     */
    public static Path publish(Path completeTemp, Path dir, String name) throws IOException {
        for (int attempt = 1; attempt < 10_000; attempt++) {
            Path target = dir.resolve(withSuffix(name, attempt));
            if (!target.getParent().equals(dir)) {
                throw new IOException("refusing a name outside the output folder: " + name);
            }
            try {
                Files.createLink(target, completeTemp);
                Files.delete(completeTemp);
                return target;
            } catch (FileAlreadyExistsException taken) {
                // try the next suffix
            } catch (UnsupportedOperationException | FileSystemException noLinks) {
                // A file system without hard links (FAT, some network shares): claim the name with an empty
                // file, which is just as atomic, then move the complete file over it.
                try {
                    Files.createFile(target);
                    return Files.move(completeTemp, target, StandardCopyOption.REPLACE_EXISTING);
                } catch (FileAlreadyExistsException taken) {
                    // try the next suffix
                }
            }
        }
        throw new IOException("no free name for " + name + " in " + dir);
    }

    static String withSuffix(String name, int attempt) {
        return attempt == 1 ? name : beforeExtension(name, "-" + attempt);
    }

    /** {@code name} with {@code suffix} before the extension of its last part, or at its end when it has none. */
    static String beforeExtension(String name, String suffix) {
        // The extension is that of the last part only: in 127.0.0.1_data the dots belong to the host.
        int lastPart = name.lastIndexOf('_') + 1;
        int dot = name.lastIndexOf('.');
        return dot > lastPart ? name.substring(0, dot) + suffix + name.substring(dot) : name + suffix;
    }

    /**
     * Gives a complete temporary file the name {@code name} in {@code dir}, in place of any file of that name: a
     * rename, so a reader sees the old file or the new one, whole, never neither.
     *
     * @return the final path, always a direct child of {@code dir}
     */
    public static Path publishAs(Path completeTemp, Path dir, String name) throws IOException {
        Path target = dir.resolve(name);
        if (!target.getParent().equals(dir)) {
            throw new IOException("refusing a name outside the output folder: " + name);
        }
        try {
            return Files.move(completeTemp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException notHere) {
            return Files.move(completeTemp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
