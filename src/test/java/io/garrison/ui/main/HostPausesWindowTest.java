package io.garrison.ui.main;

import static io.garrison.ui.main.MainWindowUnderTest.fx;
import static io.garrison.ui.main.MainWindowUnderTest.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.garrison.ui.i18n.I18n;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * A web host that asks for a pause (503, Retry-After: 2) is shown paused in the status bar for as long as the pool
 * holds its downloads back, and no longer. Real window, real workers, a real server on 127.0.0.9.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(120)
class HostPausesWindowTest {

    @TempDir
    Path dir;

    private MainWindowUnderTest window;
    private MainViewModel model;
    private HttpServer server;
    private final AtomicInteger asked = new AtomicInteger();
    private Locale before;

    @Start
    void start(Stage stage) throws Exception {
        before = I18n.getLocale();
        I18n.setLocale(Locale.ENGLISH);
        server = HttpServer.create(new InetSocketAddress("127.0.0.9", 0), 8);
        server.createContext("/", exchange -> {
            if (asked.incrementAndGet() == 1) {
                exchange.getResponseHeaders().add("Retry-After", "2");
                exchange.sendResponseHeaders(503, -1);
            } else {
                byte[] body = "a page".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
        window = new MainWindowUnderTest(stage, MainWindowUnderTest.preferences("io/garrison/ui-test"), 1200, 740);
        model = window.model;
        model.poolSizeProperty().set(1);
        model.outputDirProperty().set(dir.resolve("pages"));
        model.kindProperty().set("download");
        model.loadText("urls", "http://127.0.0.9:" + server.getAddress().getPort() + "/page.html\n");
        model.preparePool();
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        window.close();
        server.stop(0);
        fx(() -> {
            I18n.setLocale(before);
            return null;
        });
    }

    @Test
    void aHostThatAskedForAPauseIsShownPausedUntilItsPauseEndsThenItsDownloadGoesOn(FxRobot robot) throws Exception {
        waitFor(() -> model.getPhase() == MainViewModel.Phase.READY && model.liveWorkersProperty().get() == 1);
        Spinner<?> perHost = robot.lookup("#perHost").queryAs(Spinner.class);
        assertThat(fx(perHost::isVisible)).as("a download run's limit per host, next to Workers").isTrue();
        fx(() -> {
            perHost.getValueFactory().increment(1);
            return null;
        });
        assertThat(fx(() -> model.maxPerHostProperty().get())).isEqualTo(5);

        robot.clickOn("#start");

        waitFor(() -> fx(() -> paused(robot).isVisible()));
        String words = fx(() -> paused(robot).getText());
        assertThat(words).contains("127.0.0.9:" + server.getAddress().getPort()).contains("paused 2.0 s")
                .contains("HTTP 503");
        assertThat(asked).as("nothing asked inside the pause").hasValue(1);
        waitFor(() -> fx(() -> !paused(robot).isVisible()));
        waitFor(() -> fx(() -> model.board().getSucceeded()) == 1);
        assertThat(asked).hasValue(2);
    }

    private static Label paused(FxRobot robot) {
        return robot.lookup(".status-host-paused").queryAs(Label.class);
    }
}
