package io.garrison.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchRegistryTest {

    @TempDir
    Path dir;

    @Test
    void aLiveRunIsListedWithItsTokenInAFileOnlyItsUserMayRead() throws IOException {
        WatchRegistry registry = new WatchRegistry(dir.resolve("garrison"));
        WatchedRun me = new WatchedRun(ProcessHandle.current().pid(), 41234, "secret", "list.txt", "sleep",
                Instant.now(), null);

        try (WatchRegistry.Registration registration = registry.register(me)) {
            assertThat(registry.byPort(41234)).hasValueSatisfying(run -> {
                assertThat(run.token()).isEqualTo("secret");
                assertThat(run.list()).isEqualTo("list.txt");
                assertThat(run.toString()).doesNotContain("secret");
            });
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(registry.folder())))
                        .isEqualTo("rwx------");
                Path file = registry.folder().resolve(me.pid() + ".json");
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            }
        }
        assertThat(registry.liveRuns()).isEmpty();
    }

    @Test
    void theFileOfARunWhoseProcessIsGoneIsRemovedByItsNextReaderWithTheEventsItLeft() throws Exception {
        Process gone = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-version").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        gone.waitFor();
        WatchRegistry registry = new WatchRegistry(dir.resolve("garrison"));
        Path spool = Files.createTempFile(EventSpool.PREFIX, ".ndjson");
        registry.register(new WatchedRun(gone.pid(), 41235, "secret", "-", "square", Instant.now(), spool));

        assertThat(registry.liveRuns()).isEmpty();
        assertThat(Files.list(registry.folder())).isEmpty();
        assertThat(spool).doesNotExist();
    }

    @Test
    void aLaterProcessWithTheRunsPidIsNotTheRun() throws IOException {
        WatchRegistry registry = new WatchRegistry(dir.resolve("garrison"));
        // This process started long before the date the entry gives: its PID was reused.
        registry.register(new WatchedRun(ProcessHandle.current().pid(), 41236, "secret", "-", "square",
                Instant.now().minusSeconds(3600 * 24 * 365), null));

        assertThat(registry.liveRuns()).isEmpty();
    }

    @Test
    void theRuntimeFolderIsXdgsWhenSetAndAPerUserFolderInTheTemporaryOneOtherwise() throws IOException {
        Path runtime = Files.createDirectories(dir.resolve("run-user"));
        assertThat(WatchRegistry.defaultFolder(Map.of("XDG_RUNTIME_DIR", runtime.toString()), "/tmp", "ann"))
                .isEqualTo(runtime.resolve("garrison"));
        assertThat(WatchRegistry.defaultFolder(Map.of(), "/tmp", "a n/n")).isEqualTo(Path.of("/tmp", "garrison-watch-a_n_n"));
    }
}
