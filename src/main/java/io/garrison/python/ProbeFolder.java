package io.garrison.python;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The probe copied out of Garrison's resources into a private temporary folder, which goes on the script's
 * {@code sys.path} (spawned workers get that path too, and import the probe from it). Deleted when the run ends.
 */
final class ProbeFolder implements AutoCloseable {

    static final String MODULE = "garrison_probe";
    private static final String RESOURCE = "/python/" + MODULE + ".py";

    private final Path folder;

    private ProbeFolder(Path folder) {
        this.folder = folder;
    }

    static ProbeFolder create() throws IOException {
        Path folder = Files.createTempDirectory("garrison-python-");
        try (InputStream probe = ProbeFolder.class.getResourceAsStream(RESOURCE)) {
            if (probe == null) {
                throw new IOException("the probe " + RESOURCE + " is missing from Garrison's resources");
            }
            Files.copy(probe, folder.resolve(MODULE + ".py"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            delete(folder);
            throw e;
        }
        return new ProbeFolder(folder);
    }

    Path path() {
        return folder;
    }

    @Override
    public void close() {
        delete(folder);
    }

    /** The folder and what is in it (the probe, and the __pycache__ Python may have written). */
    private static void delete(Path folder) {
        try (var walk = Files.walk(folder)) {
            walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // A temporary folder left behind is harmless; the run's outcome does not depend on it.
        }
    }
}
