package io.garrison.ui.main;

import static org.assertj.core.api.Assertions.assertThat;

import io.garrison.shared.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A run's joblog stays to be exported until the next run starts, and no run's joblog outlives the app. */
@Timeout(60)
class LatestTempFileTest {

    @TempDir
    Path dir;

    @Test
    void theLatestFileStaysUntilTheNextOneIsMade() throws IOException {
        LatestTempFile files = new LatestTempFile(dir, "garrison-joblog-", ".tsv");

        Path first = files.next();
        Files.writeString(first, "seq\tline\n");

        assertThat(files.current()).contains(first);
        assertThat(first).exists();
        assertThat(first.getFileName().toString()).startsWith("garrison-joblog-").endsWith(".tsv");

        Path second = files.next();

        assertThat(first).doesNotExist();
        assertThat(second).exists().isEmptyFile();
        assertThat(files.current()).contains(second);
        assertThat(children()).containsExactly(second);
    }

    @Test
    void onlyItsOwnFilesAreDeleted() throws IOException {
        Path someoneElses = Files.createFile(dir.resolve("garrison-joblog-1.tsv"));
        LatestTempFile files = new LatestTempFile(dir, "garrison-joblog-", ".tsv");

        files.next();
        files.next();

        assertThat(someoneElses).exists();
        assertThat(children()).hasSize(2);
    }

    @Test
    void theLastFileGoesWhenTheJvmExits() throws Exception {
        Process child = ChildJvm.start(TwoRuns.class.getName(), List.of(dir.toString()));
        try {
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).isZero();
        } finally {
            ChildJvm.stop(child, Duration.ofSeconds(5));
        }

        assertThat(children()).isEmpty();
    }

    private List<Path> children() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }

    /** Two runs' joblogs in the folder it is given, then a normal exit. */
    public static final class TwoRuns {
        public static void main(String[] args) throws IOException {
            LatestTempFile files = new LatestTempFile(Path.of(args[0]), "garrison-joblog-", ".tsv");
            Files.writeString(files.next(), "first run\n");
            Files.writeString(files.next(), "second run\n");
        }
    }
}
