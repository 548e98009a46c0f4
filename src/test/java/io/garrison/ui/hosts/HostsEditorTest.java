package io.garrison.ui.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import io.garrison.engine.SshLogin;
import io.garrison.engine.WorkerId;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostsEditorTest {

    @TempDir
    Path dir;

    private HostsEditor editor;

    @Start
    void start(Stage stage) {
        editor = new HostsEditor("", Locale.ENGLISH);
        stage.setScene(new Scene(editor, 500, 400));
        stage.show();
    }

    @Test
    void eachBadLineIsNamedByItsNumberAndReasonAndTheFileCannotBeSavedUntilItIsFixed(FxRobot robot) throws Exception {
        fx(() -> {
            editor.setText("# the lab\n4/ann@lab-pc-07:2222\n\nlab pc\n0/lab-pc-08\n:\n");
            return null;
        });

        assertThat(fx(() -> editor.validProperty().get())).isFalse();
        assertThat(fx(editor::getProblems)).isEqualTo(
                "Line 4: \"lab pc\" is not [N/][user@]host[:port]\n"
                        + "Line 5: \"0/lab-pc-08\" asks for 0 workers; a host needs at least one");

        fx(() -> {
            editor.setText("# the lab\n4/ann@lab-pc-07:2222\n:\n");
            return null;
        });
        assertThat(fx(() -> editor.validProperty().get())).isTrue();
        assertThat(fx(editor::getProblems)).isEmpty();
    }

    @Test
    void anEmptyFileIsThisPcOnlyAndASavedFileReadsBackAsTheCommandLineReadsIt() throws Exception {
        HostsFile file = new HostsFile(dir.resolve("config/garrison/hosts"));
        assertThat(file.text()).as("no file yet").isEmpty();
        assertThat(file.read().logins()).isEmpty();

        file.save("4/ann@lab-pc-07:2222\n# this PC\n:");
        SshLogin.FileReading reading = file.read();

        assertThat(reading.bad()).isEmpty();
        assertThat(reading.logins()).containsExactly(new SshLogin(4, "ann@lab-pc-07", 2222),
                new SshLogin(null, WorkerId.LOCAL, 0));
        assertThat(file.hosts(new SshLogin.FileReading(reading.logins().subList(1, 2), reading.bad()), 3))
                .singleElement().satisfies(host -> assertThat(host.workers()).isEqualTo(3));
    }

    private static <T> T fx(Callable<T> action) throws Exception {
        return WaitForAsyncUtils.asyncFx(action).get(10, TimeUnit.SECONDS);
    }
}
