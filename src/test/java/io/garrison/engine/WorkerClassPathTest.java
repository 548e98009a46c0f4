package io.garrison.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerClassPathTest {

    @TempDir
    Path dir;
    Path appJar;
    Path workerJar;
    Path jackson;
    Path javafx;
    Path userJar;

    @BeforeEach
    void anAppJarWithItsWorkerJar() throws IOException {
        Files.createDirectories(dir.resolve("lib"));
        jackson = emptyJar(dir.resolve("lib/jackson.jar"), null, null);
        javafx = emptyJar(dir.resolve("lib/javafx.jar"), null, null);
        workerJar = emptyJar(dir.resolve("garrison-worker.jar"), "lib/jackson.jar", null);
        appJar = emptyJar(dir.resolve("garrison.jar"), "lib/javafx.jar lib/jackson.jar", "garrison-worker.jar");
        userJar = emptyJar(dir.resolve("mine.jar"), null, null);
    }

    @Test
    void theAppJarIsSwappedForItsWorkerJarAndOtherEntriesKeepTheirPlace() {
        String worker = WorkerClassPath.of(join(userJar, appJar));

        assertThat(worker).isEqualTo(join(userJar, workerJar));
    }

    @Test
    void librariesOnlyTheAppJarBringsInAreDroppedWhenListedOneByOne() {
        // An installed app image: the launcher lists every jar of its input folder, the worker jar included.
        String worker = WorkerClassPath.of(join(appJar, javafx, jackson, workerJar, userJar));

        assertThat(worker).isEqualTo(join(workerJar, jackson, userJar));
    }

    @Test
    void withoutAWorkerJarTheClassPathIsTheParents() throws IOException {
        Files.delete(workerJar);
        String parent = join(appJar, userJar);

        assertThat(WorkerClassPath.of(parent)).isEqualTo(parent);
    }

    @Test
    void aWorkerJarNamingAMissingLibraryIsNotUsed() throws IOException {
        Files.delete(jackson);
        String parent = join(appJar, userJar);

        assertThat(WorkerClassPath.of(parent)).isEqualTo(parent);
    }

    @Test
    void foldersAndJarsWithoutTheAttributeAreLeftAlone() throws IOException {
        Path classes = Files.createDirectories(dir.resolve("classes"));
        String parent = join(classes, javafx, jackson, userJar);

        assertThat(WorkerClassPath.of(parent)).isEqualTo(parent);
        assertThat(WorkerClassPath.of("")).isEmpty();
    }

    private static String join(Path... entries) {
        return String.join(File.pathSeparator, List.of(entries).stream().map(Path::toString).toList());
    }

    private static Path emptyJar(Path jar, String classPath, String workerJar) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (classPath != null) {
            manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
        }
        if (workerJar != null) {
            manifest.getMainAttributes().putValue(WorkerClassPath.WORKER_JAR_ATTRIBUTE, workerJar);
        }
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            return jar;
        }
    }
}
