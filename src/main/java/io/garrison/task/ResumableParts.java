package io.garrison.task;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * Bodies not yet whole, kept in the output folder to be continued with {@code Range} and {@code If-Range} by
 * whichever worker fetches the URL next: {@code .garrison-resume-<key of the URL>.part}, hidden and never under a
 * final name, beside {@code .garrison-resume-<key>.validator}, the {@code ETag} or {@code Last-Modified} that tells
 * whether the server still has the same file. While a body comes in, its validator file also names the temporary
 * file that holds it, so that what a killed worker or run had fetched can be continued ({@link #keepLeftInFlight}).
 *
 * <p>One worker at a time writes a part: it claims it by renaming it to a temporary file of its own, so two
 * downloads of the same URL at once never write into the same file.
 */
public final class ResumableParts {

    private static final String PREFIX = ".garrison-resume-";
    private static final String PART = ".part";
    private static final String VALIDATOR = ".validator";

    private ResumableParts() {
    }

    /** What was kept of a URL's body: the bytes so far and the validator they are good for. */
    record Kept(Path part, long size, String validator) {
    }

    static Path partOf(Path dir, String url) {
        return dir.resolve(PREFIX + UrlKeys.of(url) + PART);
    }

    private static Path validatorOf(Path dir, String url) {
        return dir.resolve(PREFIX + UrlKeys.of(url) + VALIDATOR);
    }

    /**
     * Takes the part kept for {@code url}, renamed to a new temporary file of this process; empty when none is
     * kept or another worker took it first. The taker continues it, gives it back with {@link #keep}, or deletes it.
     */
    static Optional<Kept> claim(Path dir, String url) throws IOException {
        Path part = partOf(dir, url);
        List<String> validator = lines(validatorOf(dir, url));
        if (validator.isEmpty() || validator.get(0).isBlank() || !Files.isRegularFile(part)) {
            return Optional.empty();
        }
        Path mine = SafeFileNames.createTemporary(dir);
        try {
            Files.move(part, mine, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException takenMeanwhile) {
            Files.deleteIfExists(mine);
            return Optional.empty();
        }
        return Optional.of(new Kept(mine, Files.size(mine), validator.get(0)));
    }

    /**
     * Notes, before a body comes, which temporary file will hold {@code url}'s bytes and the validator they are
     * good for: a run killed mid-body then leaves them for the next run's {@code --continue}.
     */
    static void announce(Path dir, String url, String validator, Path writing) throws IOException {
        Files.writeString(validatorOf(dir, url), validator + "\n" + writing.getFileName() + "\n",
                StandardCharsets.UTF_8);
    }

    /** Keeps a cut body (at {@code temp}) for {@code url}; the validator first, so a part never lacks one. */
    static void keep(Path temp, Path dir, String url, String validator) throws IOException {
        Files.writeString(validatorOf(dir, url), validator + "\n", StandardCharsets.UTF_8);
        Files.move(temp, partOf(dir, url), StandardCopyOption.ATOMIC_MOVE);
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

    /**
     * Readies {@code dir} for a run. When {@code continuing} ({@code --continue}), the bodies that an earlier run
     * left unfinished are kept to be continued when their URLs come ({@link #keepLeftInFlight}); otherwise every
     * part and validator goes, so that nothing an earlier run fetched is used.
     */
    public static void prepareFolder(Path dir, boolean continuing) {
        if (continuing) {
            keepLeftInFlight(dir);
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, PREFIX + "*")) {
            for (Path file : files) {
                Files.deleteIfExists(file);
            }
        } catch (IOException | DirectoryIteratorException e) {
            // no folder yet, or one we cannot change: a part without its validator is never used
        }
    }

    /**
     * Makes each body that a process now gone was receiving (its worker died or was killed mid-body, or the whole
     * run was) the part of its URL, to be continued by the next attempt. A temporary file of a live process is
     * left alone: it is another download still going.
     */
    public static void keepLeftInFlight(Path dir) {
        try (DirectoryStream<Path> validators = Files.newDirectoryStream(dir, PREFIX + "*" + VALIDATOR)) {
            for (Path validator : validators) {
                adoptLeftInFlight(dir, validator);
            }
        } catch (IOException | DirectoryIteratorException e) {
            // no folder, or one we cannot change: those bodies are fetched again from the start
        }
    }

    /** Makes the temporary file a validator names, if a dead process left it, the part of that validator's URL. */
    private static void adoptLeftInFlight(Path dir, Path validator) throws IOException {
        List<String> lines = lines(validator);
        if (lines.size() < 2) {
            return;
        }
        Path writing = dir.resolve(lines.get(1));
        if (!dir.equals(writing.getParent()) || !SafeFileNames.isLeftTemporary(writing)) {
            return;
        }
        String name = validator.getFileName().toString();
        Path part = dir.resolve(name.substring(0, name.length() - VALIDATOR.length()) + PART);
        Files.writeString(validator, lines.get(0) + "\n", StandardCharsets.UTF_8);
        Files.move(writing, part, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The lines of a validator file; none when it is missing or unreadable. */
    private static List<String> lines(Path validator) {
        try {
            return Files.readAllLines(validator, StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            return List.of();
        }
    }
}
