package io.garrison.task;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Bodies cut off mid-way, kept in the output folder to be continued with {@code Range} and {@code If-Range} on
 * the task's next attempt, by whichever worker runs it: {@code .garrison-resume-<hash of the URL>.part}, hidden
 * and never under a final name, beside the validator ({@code ETag} or {@code Last-Modified}) that tells whether
 * the server still has the same file. The parent removes both when the task finally fails.
 */
public final class ResumableParts {

    private static final String PREFIX = ".garrison-resume-";

    private ResumableParts() {
    }

    /** What was kept of a URL's body: the bytes so far and the validator they are good for. */
    record Kept(Path part, long size, String validator) {
    }

    static Path partOf(Path dir, String url) {
        return dir.resolve(PREFIX + hash(url) + ".part");
    }

    private static Path validatorOf(Path dir, String url) {
        return dir.resolve(PREFIX + hash(url) + ".validator");
    }

    /** The part kept for {@code url}, if there is one with its validator. */
    static Optional<Kept> find(Path dir, String url) {
        Path part = partOf(dir, url);
        Path validator = validatorOf(dir, url);
        try {
            if (Files.isRegularFile(part) && Files.isRegularFile(validator)) {
                return Optional.of(new Kept(part, Files.size(part), Files.readString(validator, StandardCharsets.UTF_8)));
            }
        } catch (IOException unreadable) {
            // as if nothing was kept: the download starts over
        }
        return Optional.empty();
    }

    /** Keeps a cut body (at {@code temp}) for {@code url}; the validator first, so a part never lacks one. */
    static void keep(Path temp, Path dir, String url, String validator) throws IOException {
        Files.writeString(validatorOf(dir, url), validator, StandardCharsets.UTF_8);
        Path part = partOf(dir, url);
        if (!temp.equals(part)) {
            Files.move(temp, part, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Forgets what was kept for {@code url} (its body is complete, changed, or the task failed for good). */
    public static void remove(Path dir, String url) {
        try {
            Files.deleteIfExists(partOf(dir, url));
            Files.deleteIfExists(validatorOf(dir, url));
        } catch (IOException e) {
            // left for the next run to resume or replace; it never looks like a finished file
        }
    }

    private static String hash(String url) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(url.strip().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
