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
}
