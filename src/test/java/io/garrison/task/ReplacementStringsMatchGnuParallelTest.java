package io.garrison.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.garrison.testing.GnuParallel;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** For the same template over the same inputs, the argv Garrison builds is the one the real GNU parallel runs. */
@Timeout(90)
class ReplacementStringsMatchGnuParallelTest {

    /** Paths of every shape the replacement strings treat differently, and texts a shell would mangle. */
    static final List<String> INPUTS = List.of("a/b.tar.gz", "/abs/dir/x.y", "sp ace/f.md", "noext", ".hidden",
            "dir.d/file", "trailing/", "./rel.txt", "é/ü.tar.gz", "报告/第一.v2.pdf", "/", "a//b", "//x",
            "x/.bashrc", "a.", "..", "../up.x", "it's \"q\"/a b.c", "$HOME/*.txt", "back\\slash.d/x", "a.b/c.d/");

    @BeforeAll
    static void needsParallel() {
        assumeTrue(GnuParallel.isInstalled(), "GNU parallel is not installed");
    }

    @Test
    void everyPathReplacementStringAndTheTaskNumberGiveParallelsArgv(@TempDir Path dir) throws Exception {
        assertSameArgvAsParallel("{} {.} {/} {//} {/.} {#}", dir);
    }

    @Test
    void tokensInsideLargerWordsAreReplacedWhereTheyStand(@TempDir Path dir) throws Exception {
        assertSameArgvAsParallel("x{.}y pre-{/.}.png {//}/{/} {#}-{}", dir);
    }

    private static void assertSameArgvAsParallel(String tokens, Path dir) throws Exception {
        List<List<String>> parallel = GnuParallel.arguments(tokens, INPUTS, dir);

        assertThat(parallel).hasSize(INPUTS.size());
        CommandTemplate template = CommandTemplate.parse(GnuParallel.PRINT_ARGS + " " + tokens);
        for (int i = 0; i < INPUTS.size(); i++) {
            List<String> argv = template.expand(INPUTS.get(i), i + 1, 1, null);
            assertThat(argv.subList(2, argv.size())).as("input %s", INPUTS.get(i)).isEqualTo(parallel.get(i));
        }
    }
}
