package io.garrison;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The command lines that name a window become the window's own options, with both spellings of a value. */
class LauncherTest {

    @Test
    void watchNamesTheStreamAndThePortWhereverTheWindowsOptionsStand() {
        assertThat(Launcher.desktopArguments(new String[] {"watch", "run.jsonl", "--speed", "5"}))
                .containsExactly("--watch", "run.jsonl", "--speed", "5");
        assertThat(Launcher.desktopArguments(new String[] {"watch", "--speed=5", "run.jsonl", "--quit-after=9"}))
                .containsExactly("--speed", "5", "--watch", "run.jsonl", "--quit-after", "9");
        assertThat(Launcher.desktopArguments(new String[] {"watch", "--port=4000"}))
                .containsExactly("--watch-port", "4000");
        assertThat(Launcher.desktopArguments(new String[] {"watch", "-", "--start"}))
                .containsExactly("--watch", "-", "--start");
    }

    @Test
    void pythonKeepsEverythingFromTheScriptOnForTheScript() {
        assertThat(Launcher.desktopArguments(new String[] {"python", "--patience=5", "s.py", "x", "--json"}))
                .containsExactly("--patience", "5", "--python", "s.py", "x", "--json");
        assertThat(Launcher.desktopArguments(new String[] {"python", "--quit-after", "9", "s.py"}))
                .containsExactly("--quit-after", "9", "--python", "s.py");
        assertThat(Launcher.desktopArguments(new String[] {"python", "--", "--odd-name.py", "a"}))
                .containsExactly("--python", "--odd-name.py", "a");
    }

    @Test
    void otherCommandLinesAreTheWindowsAsTheyAre() {
        String[] own = {"--demo", "squares", "list.txt"};
        assertThat(Launcher.desktopArguments(own)).isSameAs(own);
    }
}
