package io.garrison.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class AppArgumentsTest {

    @Test
    void demoScreenshotAndQuitAreReadAndOthersIgnored() {
        AppArguments args = AppArguments.parse(List.of("--demo", "squares", "--bogus", "--screenshot", "/tmp/x.png",
                "--quit-after", "6", "--lang", "zh", "--screenshot-after", "2.5", "--tab", "timeline"));
        assertThat(args.demo()).contains("squares");
        assertThat(args.screenshot()).contains(Path.of("/tmp/x.png"));
        assertThat(args.quitAfterSeconds()).contains(6.0);
        assertThat(args.language()).contains("zh");
        assertThat(args.screenshotAfterSeconds()).contains(2.5);
        assertThat(args.tab()).contains("timeline");
    }

    @Test
    void noArgumentsMeansTheOrdinaryApp() {
        AppArguments args = AppArguments.parse(List.of());
        assertThat(args.demo()).isEmpty();
        assertThat(args.quitAfterSeconds()).isEmpty();
        assertThat(AppArguments.parse(List.of("--quit-after", "soon")).quitAfterSeconds()).isEmpty();
    }

    /** A file manager's "Open with" ({@code Exec=garrison %F}) gives the lists as plain arguments. */
    @Test
    void argumentsThatAreNoOptionsAreListsToOpenAfterOpensOwn() {
        AppArguments args = AppArguments.parse(List.of("--open", "first.txt", "/home/ann/urls.tasks", "--workers", "3",
                "file:///tmp/with%20space.txt", "--start", "relative.txt"));

        assertThat(args.files()).containsExactly(Path.of("/home/ann/urls.tasks"), Path.of("/tmp/with space.txt"),
                Path.of("relative.txt"));
        assertThat(args.lists()).containsExactly(Path.of("first.txt"), Path.of("/home/ann/urls.tasks"),
                Path.of("/tmp/with space.txt"), Path.of("relative.txt"));
        assertThat(args.workers()).contains(3);
        assertThat(args.start()).isTrue();
    }

    @Test
    void optionValuesAreNeverTakenForLists() {
        AppArguments args = AppArguments.parse(List.of("--demo", "squares", "--lang", "zh", "--tab", "log",
                "--hosts", "hosts.txt", "--ssh", "ssh -p 2222"));

        assertThat(args.files()).isEmpty();
        assertThat(args.lists()).isEmpty();
    }
}
