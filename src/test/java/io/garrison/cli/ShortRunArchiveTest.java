package io.garrison.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.garrison.Launcher;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run shorter than the recording of the worker class archive used to exit before the recording was done,
 * so short runs never got an archive. Checked on the real program, started from jars as users start it.
 */
@Timeout(180)
class ShortRunArchiveTest {

    @TempDir
    Path dir;

    @Test
    void aShortRunExitsWithTheArchiveRecordedAndNothingLeftRunning() throws Exception {
        Path cache = dir.resolve("cds");
        Files.writeString(dir.resolve("one.txt"), "7\n");

        Process run = new ProcessBuilder(java(), "-Dgarrison.cds.folder=" + cache, "-cp", jarClassPath(),
                Launcher.class.getName(), "run", "-p", "1", "-k", "square", "one.txt")
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(run.getInputStream().readAllBytes());
        assertThat(run.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(run.exitValue()).as(output).isZero();
        assertThat(output).isEqualTo("49\n");
        try (Stream<Path> files = Files.list(cache)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList())
                    .as("one finished archive, no temporary file or lock").singleElement()
                    .satisfies(name -> assertThat(name).startsWith("worker-").endsWith(".jsa"));
        }
        assertThat(run.descendants().toList()).as("the recording worker is gone with its parent").isEmpty();
        assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(cache.toString())))
                .as("no process still records into the cache").isEmpty();
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The app's classes as a jar plus the dependency jars: the JVM archives classes from jars only. */
    private String jarClassPath() throws IOException {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (Files.isDirectory(path) && Files.exists(path.resolve(Launcher.class.getName().replace('.', '/') + ".class"))) {
                entries.add(0, jarOf(path, dir.resolve("garrison.jar")).toString());
            } else if (entry.endsWith(".jar")) {
                entries.add(entry);
            }
        }
        return entries.stream().collect(Collectors.joining(File.pathSeparator));
    }

    private static Path jarOf(Path classes, Path jar) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
        return jar;
    }
}
