package io.garrison.ui.main;

import static io.garrison.ui.main.MainWindowUnderTest.fx;
import static io.garrison.ui.main.MainWindowUnderTest.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import io.garrison.engine.WorkerId;
import io.garrison.testing.LoopbackSshd;
import io.garrison.ui.details.WorkerDetailsDialog;
import io.garrison.ui.hosts.HostsFile;
import io.garrison.ui.i18n.I18n;
import io.garrison.ui.parade.Soldier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
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
 * The window's pool on two hosts, this PC and a real sshd on 127.0.0.1 reached as "lab" (skipped where sshd is not
 * installed): each host's soldiers stand together under its label, and a remote soldier is named by its host.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(300)
class HostsWindowTest {

    @TempDir
    Path dir;

    private MainWindowUnderTest window;
    private MainViewModel model;
    private MainView view;
    private Locale before;

    @Start
    void start(Stage stage) {
        before = I18n.getLocale();
        I18n.setLocale(Locale.ENGLISH);
        window = new MainWindowUnderTest(stage, MainWindowUnderTest.preferences("io/garrison/ui-test"), 1200, 740);
        model = window.model;
        view = window.view;
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        window.close();
        fx(() -> {
            I18n.setLocale(before);
            return null;
        });
    }

    @Test
    void aPoolOnTwoHostsShowsEachHostsSoldiersTogetherUnderItsLabelAndARemoteSoldierNamedByItsHost(FxRobot robot)
            throws Exception {
        try (LoopbackSshd sshd = LoopbackSshd.start(dir)) {
            // The worker's runtime is copied to a folder of the test's own, not the user's cache.
            System.setProperty("garrison.remote.cache", dir.resolve("remote-cache").toString());
            Path hosts = Files.writeString(dir.resolve("hosts"), "# two on this PC, two on the lab\n2/:\n2/lab\n");
            fx(() -> {
                model.hostsFileProperty().set(new HostsFile(hosts, sshd.sshCommand()));
                model.preparePool();
                return null;
            });
            waitFor(() -> model.liveWorkersProperty().get() == 4);
            // A hidden ruler with the labels' style measures their band: only shown labels count.
            waitFor(() -> fx(() -> hostLabels(robot).size()) == 2
                    && robot.lookup(".soldier-pid").queryAll().size() == 4);

            List<Soldier> remote = fx(() -> model.parade().soldiers().stream()
                    .filter(s -> !s.getId().isLocal()).toList());
            assertThat(remote).hasSize(2).allMatch(s -> s.getHost().equals("lab"));
            assertThat(fx(() -> model.pool().workers())).containsAll(remote.stream().map(Soldier::getId).toList());
            List<String> labels = fx(() -> hostLabels(robot).stream().map(Label::getText).sorted().toList());
            assertThat(labels).containsExactly("lab", "this PC");
            List<String> names = fx(() -> robot.lookup(".soldier-pid").queryAllAs(Label.class).stream()
                    .map(Label::getText).toList());
            assertThat(names).filteredOn(n -> n.matches("lab \u00b7 \\d+")).hasSize(2);
            assertThat(names).filteredOn(n -> n.matches("PID \\d+")).hasSize(2);

            // Each soldier stands under its own host's label: within the label's width, below it.
            for (Label name : fx(() -> robot.lookup(".soldier-pid").queryAllAs(Label.class))) {
                String host = name.getText().startsWith("lab") ? "lab" : "this PC";
                Label label = fx(() -> hostLabels(robot).stream()
                        .filter(l -> l.getText().equals(host)).findFirst().orElseThrow());
                Bounds under = fx(() -> label.localToScene(label.getLayoutBounds()));
                Bounds soldier = fx(() -> boundsOf(name.getParent()));
                assertThat(soldier.getCenterX()).as(name.getText()).isBetween(under.getMinX(), under.getMaxX());
                assertThat(soldier.getMinY()).as(name.getText()).isGreaterThanOrEqualTo(under.getMinY());
            }
            WorkerId first = remote.get(0).getId();
            assertThat(fx(() -> model.pool().killWorker(new WorkerId(WorkerId.LOCAL, first.pid()))))
                    .as("the PID of a lab worker names no worker of this PC").isFalse();

            // Details of a lab soldier: the worker answers for itself from lab.
            Alert details = fx(() -> WorkerDetailsDialog.show(remote.get(0), null, Locale.ENGLISH, model::workerStats));
            waitFor(() -> fx(() -> details.getContentText().contains("Memory (resident)")));
            String text = fx(details::getContentText);
            assertThat(text).contains("PID: " + first.pid()).doesNotContain("Memory (resident): not known");
            fx(() -> {
                details.close();
                return null;
            });
        }
    }

    private static List<Label> hostLabels(FxRobot robot) {
        return robot.lookup(".host-label").queryAllAs(Label.class).stream().filter(Node::isVisible).toList();
    }

    private static Bounds boundsOf(Node node) {
        return node.localToScene(node.getBoundsInLocal());
    }
}
