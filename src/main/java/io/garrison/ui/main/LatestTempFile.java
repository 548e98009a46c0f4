package io.garrison.ui.main;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One temporary file at a time, for what only the latest run needs (its joblog): a new one deletes the one before,
 * and the last one goes when the JVM exits. So a run's file stays there to be exported until the next run starts
 * or the app quits, and runs leave nothing behind. Only files it created itself are ever deleted. Any thread.
 */
final class LatestTempFile {

    private final Path directory;
    private final String prefix;
    private final String suffix;
    /** Guarded by this. */
    private Path current;

    /** Files named {@code prefix…suffix} in {@code directory}. */
    LatestTempFile(Path directory, String prefix, String suffix) {
        this.directory = directory;
        this.prefix = prefix;
        this.suffix = suffix;
    }

    /** Files named {@code prefix…suffix} in the JVM's temporary directory ({@code java.io.tmpdir}). */
    static LatestTempFile inTempDirectory(String prefix, String suffix) {
        return new LatestTempFile(Path.of(System.getProperty("java.io.tmpdir")), prefix, suffix);
    }

    /**
     * Creates a new empty file, readable by this user only where the file system allows it, and deletes the one
     * before it.
     */
    synchronized Path next() throws IOException {
        Path created = Files.createTempFile(directory, prefix, suffix);
        created.toFile().deleteOnExit();
        Path previous = current;
        current = created;
        if (previous != null) {
            // A file still open elsewhere (Windows) stays until the JVM exits, as marked when it was made.
            try {
                Files.deleteIfExists(previous);
            } catch (IOException e) {
                // left for deleteOnExit
            }
        }
        return created;
    }

    /** The latest file, if one was made and is still there. */
    synchronized Optional<Path> current() {
        return Optional.ofNullable(current).filter(Files::exists);
    }
}
