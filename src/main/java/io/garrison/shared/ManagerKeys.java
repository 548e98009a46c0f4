package io.garrison.shared;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Reading and checking the Manager's shared key. */
public final class ManagerKeys {

    private ManagerKeys() {
    }

    /**
     * The key in {@code file}: its bytes without trailing line breaks, so a file written by
     * {@code echo secret > key} and one written without the newline hold the same key.
     */
    public static byte[] read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int end = bytes.length;
        while (end > 0 && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r')) {
            end--;
        }
        return check(Arrays.copyOf(bytes, end));
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
