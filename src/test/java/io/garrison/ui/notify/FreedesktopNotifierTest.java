package io.garrison.ui.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.garrison.testing.Await;
import io.garrison.ui.i18n.I18n;
import io.garrison.testing.Programs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The end of a run told to a freedesktop desktop: the Notify call gdbus makes, with the run's counts, on a session
 * bus of the test's own (a {@code dbus-daemon} it starts, watched with {@code dbus-monitor}); skipped where those
 * programs are missing.
 */
class FreedesktopNotifierTest {

    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(Process::destroy);
    }

    @Test
    void theCallNamesTheAppTheTitleTheCountsAndAClickAction() {
        FreedesktopNotifier notifier = new FreedesktopNotifier(List.of("gdbus"), "Garrison", "garrison", Runnable::run);

        List<String> call = notifier.notifyCommand("Run finished", "20 succeeded, 1 failed of 21 tasks in 3.0 s",
                "Show Garrison");

        assertThat(call).startsWith("gdbus", "call", "--session", "--dest", "org.freedesktop.Notifications")
                .contains("--method", "org.freedesktop.Notifications.Notify")
                .containsSubsequence("'Garrison'", "uint32 0", "'garrison'", "'Run finished'",
                        "'20 succeeded, 1 failed of 21 tasks in 3.0 s'", "@as ['default', 'Show Garrison']")
                .endsWith("int32 -1");
    }

    @Test
    void wordsThatWouldEndTheLiteralAreEscaped() {
        assertThat(FreedesktopNotifier.quoted("it's a \\ path\nnext")).isEqualTo("'it\\'s a \\\\ path\\nnext'");
        assertThat(FreedesktopNotifier.quoted("运行结束")).isEqualTo("'运行结束'");
    }

    @Test
    void aClickIsTheActionOfThisNotificationAndAnotherOnesIsNot() throws IOException {
        String signals = """
                /org/freedesktop/Notifications: org.freedesktop.Notifications.ActionInvoked (uint32 6, 'default')
                /org/freedesktop/Notifications: org.freedesktop.Notifications.ActionInvoked (uint32 7, 'default')
                """;
        assertThat(FreedesktopNotifier.clicked(new BufferedReader(new StringReader(signals)), "7")).isTrue();
        String closed = """
                /org/freedesktop/Notifications: org.freedesktop.Notifications.NotificationClosed (uint32 7, uint32 2)
                /org/freedesktop/Notifications: org.freedesktop.Notifications.ActionInvoked (uint32 7, 'default')
                """;
        assertThat(FreedesktopNotifier.clicked(new BufferedReader(new StringReader(closed)), "7")).isFalse();
        assertThat(FreedesktopNotifier.notificationId("(uint32 42,)\n")).contains("42");
        assertThat(FreedesktopNotifier.notificationId("")).isEmpty();
    }

    @Test
    void aRunEndingBehindAnotherWindowReachesTheSessionBusWithItsCounts() throws Exception {
        assumeTrue(Programs.onPath("dbus-daemon") && Programs.onPath("dbus-monitor") && Programs.onPath("gdbus"),
                "needs dbus-daemon, dbus-monitor (dbus) and gdbus (libglib2.0-bin)");
        String address = startBus();
        Path watched = dir.resolve("monitor.txt");
        started.add(new ProcessBuilder("dbus-monitor", "--address", address,
                "type='method_call',interface='org.freedesktop.Notifications'")
                .redirectOutput(watched.toFile()).redirectErrorStream(true).start());
        // It says it has joined the bus (NameAcquired) before it shows any call.
        Await.await("dbus-monitor listening", () -> sizeOf(watched) > 0, Duration.ofSeconds(30));
        I18n.setLocale(Locale.ENGLISH);
        FreedesktopNotifier notifier = new FreedesktopNotifier(
                List.of("env", "DBUS_SESSION_BUS_ADDRESS=" + address, "gdbus"), "Garrison", "garrison",
                task -> new Thread(task).start());
        RunEndNotice notice = new RunEndNotice(notifier, () -> false, () -> { });

        boolean told = notice.runEnded(I18n.get("ui.notify.title"),
                I18n.get("ui.notify.text", 20, 1, 21, 3.0), I18n.get("ui.notify.show"));

        assertThat(told).isTrue();
        Await.await("the Notify call on the bus", () -> contents(watched).contains("member=Notify")
                && contents(watched).contains("string \"20 succeeded, 1 failed of 21 tasks in 3.0 s\""),
                Duration.ofSeconds(30));
        assertThat(contents(watched)).contains("string \"Run finished\"", "string \"Show Garrison\"",
                "string \"Garrison\"");
        notifier.close();
    }

    @Test
    void aRunEndingInTheFocusedWindowTellsNoDesktop() {
        List<String> shown = new ArrayList<>();
        DesktopNotifier recording = (title, text, label, click) -> shown.add(text);

        boolean told = new RunEndNotice(recording, () -> true, () -> { }).runEnded("Run finished", "10 succeeded",
                "Show");

        assertThat(told).isFalse();
        assertThat(shown).isEmpty();
        assertThat(new RunEndNotice(recording, () -> false, () -> { }).runEnded("Run finished", "10 succeeded", "Show"))
                .isTrue();
        assertThat(shown).containsExactly("10 succeeded");
    }

    /** A session bus of this test's own; its address. */
    private String startBus() throws Exception {
        Process bus = new ProcessBuilder("dbus-daemon", "--session", "--nofork", "--print-address=1")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        started.add(bus);
        try (BufferedReader out = bus.inputReader(StandardCharsets.UTF_8)) {
            String address = out.readLine();
            assumeTrue(address != null && !address.isBlank(), "dbus-daemon started no bus");
            return address.strip();
        }
    }

    private static String contents(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}
