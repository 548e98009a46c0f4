package io.garrison.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.garrison.worker.WorkerMain;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The worker class archive, recorded for real from a jar of the app's classes and used by a real JVM. */
@Timeout(180)
class WorkerClassArchiveTest {

    private static final List<String> FLAGS = List.of("-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xshare:auto");

    @TempDir
    Path dir;
    private Path cache;
    private Path jar;
    private final Path java = WorkerLauncher.javaExecutable();

    @BeforeEach
    void appAsAJar() throws Exception {
        cache = dir.resolve("cds");
        System.setProperty(WorkerClassArchive.FOLDER_PROPERTY, cache.toString());
        jar = jarOf(Path.of(WorkerMain.class.getProtectionDomain().getCodeSource().getLocation().toURI()),
                dir.resolve("garrison.jar"));
    }

    @AfterEach
    void ownCacheFolderOff() {
        System.clearProperty(WorkerClassArchive.FOLDER_PROPERTY);
    }

    @Test
    void theFirstPoolRecordsTheArchiveWholeAndLaterWorkersStartOnIt() throws Exception {
        assertThat(WorkerClassArchive.options(java, FLAGS, jar.toString())).isEmpty();
        assertThat(WorkerClassArchive.awaitRecording(Duration.ofSeconds(120))).isTrue();

        assertThat(names(cache)).hasSize(1).allMatch(name -> name.endsWith(".jsa"));
        // Only the compilers differ: the same archive serves.
        List<String> quickCompilerOnly = new ArrayList<>(FLAGS);
        quickCompilerOnly.add("-XX:TieredStopAtLevel=1");
        List<String> options = WorkerClassArchive.options(java, quickCompilerOnly, jar.toString());
        assertThat(options).containsExactly("-XX:SharedArchiveFile=" + cache.resolve(names(cache).get(0)));

        // -Xshare:on makes a JVM that cannot map the archive fail instead of quietly starting without it.
        List<String> command = new ArrayList<>(List.of(java.toString()));
        command.addAll(quickCompilerOnly);
        command.addAll(options);
        command.addAll(List.of("-Xshare:on", "-Xlog:class+load=info", "-cp", jar.toString(), WorkerLauncher.WORKER_MAIN));
        Process worker = new ProcessBuilder(command).redirectErrorStream(true).start();
        worker.getOutputStream().close();
        String output = new String(worker.getInputStream().readAllBytes());
        assertThat(worker.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(worker.exitValue()).as(output).isZero();
        assertThat(output).contains("io.garrison.worker.WorkerLoop source: shared objects file (top)");
    }

    @Test
    void aRecordingUnderWayInAnotherProcessIsLeftToIt() throws Exception {
        List<String> flags = new ArrayList<>(FLAGS);
        flags.add("-Dgarrison.test.key=other");
        Path archive = WorkerClassArchive.archivePath(cache, java, flags, jar.toString()).orElseThrow();
        Files.createDirectories(cache);
        Path lock = Files.createFile(archive.resolveSibling(archive.getFileName() + ".lock"));

        assertThat(WorkerClassArchive.options(java, flags, jar.toString())).isEmpty();
        assertThat(WorkerClassArchive.awaitRecording(Duration.ofSeconds(120))).isTrue();

        assertThat(names(cache)).containsExactly(lock.getFileName().toString());
    }

    @Test
    void aClassPathWithFoldersGoesWithout() {
        assertThat(WorkerClassArchive.archivePath(cache, java, FLAGS, dir.toString() + File.pathSeparator + jar))
                .isEmpty();
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static Path jarOf(Path classes, Path jar) throws IOException, URISyntaxException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                try (var in = Files.newInputStream(file)) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
        return jar;
    }
}
