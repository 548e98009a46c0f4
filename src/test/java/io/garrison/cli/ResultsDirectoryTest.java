package io.garrison.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.garrison.engine.FailureCause;
import io.garrison.engine.PoolEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsDirectoryTest {

    @TempDir
    Path dir;

    @Test
    void inputsAreQuotedAsParallelQuotesThemSoThatNoneLeavesItsFolder() {
        assertThat(ResultsDirectory.folderName("x/y z")).isEqualTo("x\\_y z");
        assertThat(ResultsDirectory.folderName("../../etc")).isEqualTo("..\\_..\\_etc");
        assertThat(ResultsDirectory.folderName("/abs")).isEqualTo("\\_abs");
        assertThat(ResultsDirectory.folderName("a\\b\tc\0d")).isEqualTo("a\\\\b\\tc\\0d");
        assertThat(ResultsDirectory.folderName(".")).isEqualTo("\\.");
        assertThat(ResultsDirectory.folderName("..")).isEqualTo("\\.\\.");
        assertThat(ResultsDirectory.folderName("...")).isEqualTo("...");
    }

    @Test
    void aNameTooLongForAFileIsCutToWholeCharactersWithinItsBytes() {
        assertThat(ResultsDirectory.folderName("x".repeat(300))).isEqualTo("x".repeat(255));
        String cut = ResultsDirectory.folderName("平".repeat(100));
        assertThat(cut).isEqualTo("平".repeat(85));
        assertThat(ResultsDirectory.folderName("a" + "🙂".repeat(80)).getBytes(StandardCharsets.UTF_8)).hasSize(253);
    }

    @Test
    void eachFileIsWholeUnderItsNameNoTemporaryStaysAndARunAgainReplacesThem() throws Exception {
        List<Path> failures = new ArrayList<>();
        ResultsDirectory results = new ResultsDirectory(dir, true, (file, e) -> failures.add(file));

        results.onEvent(new PoolEvent.TaskSucceeded(0, 0, 1, "a/b", 1, "", 0, "first\n"));
        results.onEvent(new PoolEvent.TaskSucceeded(0, 0, 1, "a/b", 1, "", 0, "again\n"));
        results.onEvent(new PoolEvent.TaskFailed(0, 1, 2, "c", 1, "exit code 2", 2, 0, 1, true, "tried\n"));
        results.onEvent(new PoolEvent.TaskFailed(0, 2, 3, "d", 0, "not run: halted", -1, 0, 0, false, "",
                FailureCause.NOT_RUN));

        Path folder = dir.resolve("1").resolve("a\\_b");
        assertThat(Files.readString(folder.resolve("stdout"))).isEqualTo("again\n");
        assertThat(Files.readString(folder.resolve("seq"))).isEqualTo("1");
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile).map(f -> dir.relativize(f).toString()))
                    .containsExactlyInAnyOrder("1/a\\_b/stdout", "1/a\\_b/stderr", "1/a\\_b/seq");
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void theFirstFileThatCannotBeWrittenIsReportedOnceAndNothingMoreIsWritten() throws Exception {
        Files.writeString(dir.resolve("1"), "a file where the folder of the input source goes");
        List<Path> failures = new ArrayList<>();
        ResultsDirectory results = new ResultsDirectory(dir, false, (file, e) -> failures.add(file));

        results.onEvent(new PoolEvent.TaskSucceeded(0, 0, 1, "3", 1, "9", 0, ""));
        results.onEvent(new PoolEvent.TaskSucceeded(0, 1, 2, "4", 1, "16", 0, ""));

        assertThat(failures).containsExactly(dir.resolve("1").resolve("3"));
    }
}
