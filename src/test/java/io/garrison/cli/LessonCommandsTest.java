package io.garrison.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LessonCommandsTest {

    @Test
    void sharedMemoryPrintsWhatTheChildWrote() {
        CommandOutput result = CommandOutput.of("lesson", "shared-memory");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("value=3.14" + System.lineSeparator()
                + "array=[5, 1, 2, 3, 4, 5, 6, 7, 8, 9]" + System.lineSeparator());
    }

    @Test
    void raceLosesUpdatesWithoutTheLockAndIsExactWithIt() {
        CommandOutput result = CommandOutput.of("lesson", "race", "--workers", "4", "--increments", "20000");

        assertThat(result.exitCode()).isZero();
        assertThat(result.lines()).hasSize(2);
        Matcher unlocked = Pattern.compile("unlocked expected=80000 actual=(\\d+)").matcher(result.lines().get(0));
        assertThat(unlocked.matches()).as(result.out()).isTrue();
        assertThat(Long.parseLong(unlocked.group(1))).isBetween(1L, 80000L);
        assertThat(result.lines().get(1)).isEqualTo("locked expected=80000 actual=80000");
    }

    @Test
    void badArgumentsExitWithTwo() {
        assertThat(CommandOutput.of("lesson", "race", "--workers", "0").exitCode()).isEqualTo(2);
        assertThat(CommandOutput.of("lesson", "race", "--increments", "many").exitCode()).isEqualTo(2);
        assertThat(CommandOutput.of("lesson", "no-such-lesson").exitCode()).isEqualTo(2);
        assertThat(CommandOutput.of("lesson").exitCode()).isEqualTo(2);
    }
}
