package io.garrison.shared;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/** Reading and checking the Manager's shared key. */
public final class ManagerKeys {

    private ManagerKeys() {
    }

    /**
     * The key in {@code file}: its bytes without trailing line breaks, so a file written by
     * {@code echo secret > key} and one written without the newline hold the same key.
     *
     * <p>A file other users may read or write is accepted with a warning, not refused: {@code echo secret > key}
     * under the usual umask makes exactly such a file, and the lessons and scripts that do so must keep working;
     * the warning tells the user to {@code chmod 600} it.
     */
    public static byte[] read(Path file) throws IOException {
        Set<PosixFilePermission> exposed = exposure(file);
        if (!exposed.isEmpty()) {
            System.getLogger(ManagerKeys.class.getName()).log(System.Logger.Level.WARNING,
                    "the manager key file " + file + " is open to other users (" + exposed
                            + "): anyone who reads it can use the manager; chmod 600 it");
        }
        byte[] bytes = Files.readAllBytes(file);
        int end = bytes.length;
        while (end > 0 && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r')) {
            end--;
        }
        return check(Arrays.copyOf(bytes, end));
    }

    /** The permissions of {@code file} that let users other than its owner read or change it; empty if none. */
    static Set<PosixFilePermission> exposure(Path file) throws IOException {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return Set.of();
        }
        Set<PosixFilePermission> exposed = EnumSet.noneOf(PosixFilePermission.class);
        exposed.addAll(Files.getPosixFilePermissions(file));
        exposed.retainAll(EnumSet.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE));
        return exposed;
    }

    /** The UTF-8 bytes of a key given as text. */
    public static byte[] of(String key) {
        return check(key.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] check(byte[] key) {
        if (key.length == 0) {
            throw new IllegalArgumentException("the manager key is empty");
        }
        return key;
    }
}
