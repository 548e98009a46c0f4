package io.garrison.task;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A URL's key: the first 12 hex digits of the SHA-256 of its text. It names the hidden files kept for the URL in
 * the output folder, and its first 8 digits tell apart the files of different URLs that would share a name
 * (decision 0025). It depends on the URL alone, so every worker and every run finds the same files.
 */
final class UrlKeys {

    static final int LENGTH = 12;

    private UrlKeys() {
    }

    static String of(String url) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(url.strip().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, LENGTH / 2);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
