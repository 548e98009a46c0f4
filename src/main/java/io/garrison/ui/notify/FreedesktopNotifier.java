package io.garrison.ui.notify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Notifications on a Linux or BSD desktop through the freedesktop.org notification service, reached on the session
 * bus with {@code gdbus} (GLib's command, there wherever GTK is): no native library or D-Bus client in the app. The
 * call is {@code org.freedesktop.Notifications.Notify} with a {@code default} action, which a click on the
 * notification invokes; a {@code gdbus monitor} started just before the call hears that as {@code ActionInvoked}
 * and runs the click's action. The monitor ends when the notification closes, when the app exits, or after
 * {@link #LISTEN_SECONDS}.
 *
 * <p>Any thread: the programs run on {@code background}.
 */
public final class FreedesktopNotifier implements DesktopNotifier {

    static final String SERVICE = "org.freedesktop.Notifications";
    static final String OBJECT = "/org/freedesktop/Notifications";
    /** How long a click is waited for: a notification nobody clicked in this time is long forgotten. */
    static final long LISTEN_SECONDS = 15 * 60;
    private static final System.Logger LOG = System.getLogger(FreedesktopNotifier.class.getName());
    /** gdbus prints Notify's answer, the notification's id, as {@code (uint32 7,)}. */
    private static final Pattern ID = Pattern.compile("\\(uint32 (\\d+),\\)");

    private final List<String> gdbus;
    private final String appName;
    private final String icon;
    private final Executor background;
    private final Set<Process> listening = ConcurrentHashMap.newKeySet();

    /**
     * @param gdbus      the words that run {@code gdbus}: its path, or more (a test names its own bus with {@code env})
     * @param appName    the app's name, as the notification service shows and groups it
     * @param icon       an icon name of the theme or an image's path; empty for none
     * @param background where the programs are started and waited for: a thread each, as one waits for a click
     */
    public FreedesktopNotifier(List<String> gdbus, String appName, String icon, Executor background) {
        this.gdbus = List.copyOf(gdbus);
        this.appName = appName;
        this.icon = icon;
        this.background = background;
    }

    /** This system's {@code gdbus} when there is one and a session bus to reach; else none. */
    public static Optional<List<String>> gdbusOnThisSystem() {
        if (System.getenv("DBUS_SESSION_BUS_ADDRESS") == null && System.getenv("XDG_RUNTIME_DIR") == null) {
            return Optional.empty();
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String folder : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(folder, "gdbus");
            if (Files.isExecutable(candidate)) {
                return Optional.of(List.of(candidate.toString()));
            }
        }
        return Optional.empty();
    }

    @Override
    public boolean show(String title, String text, String showLabel, Runnable onClick) {
        background.execute(() -> notify(title, text, showLabel, onClick));
        return true;
    }

    /** The {@code gdbus call} that shows the notification: Notify(app, 0, icon, title, text, actions, hints, -1). */
    List<String> notifyCommand(String title, String text, String showLabel) {
        // Typed literals, so the call is the same whether or not gdbus could ask the service for its signature.
        return gdbus("call", "--session", "--dest", SERVICE, "--object-path", OBJECT,
                "--method", SERVICE + ".Notify",
                quoted(appName), "uint32 0", quoted(icon), quoted(title), quoted(text),
                "@as [" + quoted("default") + ", " + quoted(showLabel) + "]",
                "@a{sv} {" + quoted("desktop-entry") + ": <" + quoted("garrison") + ">}",
                "int32 -1");
    }

    /** The {@code gdbus monitor} that hears the service's signals: a click on the notification among them. */
    List<String> monitorCommand() {
        return gdbus("monitor", "--session", "--dest", SERVICE, "--object-path", OBJECT);
    }

    private List<String> gdbus(String... arguments) {
        List<String> command = new ArrayList<>(gdbus);
        command.addAll(List.of(arguments));
        return command;
    }

    private void notify(String title, String text, String showLabel, Runnable onClick) {
        Process monitor = null;
        try {
            monitor = start(monitorCommand());
            listening.add(monitor);
            Process call = start(notifyCommand(title, text, showLabel));
            String answer = new String(call.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (call.waitFor() != 0) {
                LOG.log(System.Logger.Level.DEBUG, "no desktop notification: gdbus exited with " + call.exitValue());
                return;
            }
            Optional<String> id = notificationId(answer);
            if (id.isPresent()) {
                awaitClick(monitor, id.get(), onClick);
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "no desktop notification: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (monitor != null) {
                listening.remove(monitor);
                monitor.destroy();
            }
        }
    }

    /** The id of the notification shown, from Notify's answer {@code (uint32 7,)}; empty if it is not that. */
    static Optional<String> notificationId(String answer) {
        Matcher id = ID.matcher(answer);
        return id.find() ? Optional.of(id.group(1)) : Optional.empty();
    }

    /** Waits on the monitor for a click on notification {@code id}, up to {@link #LISTEN_SECONDS}. */
    private static void awaitClick(Process monitor, String id, Runnable onClick) throws IOException {
        // The monitor reads until it is ended: the time limit ends it, and so does the app's exit (close()).
        Thread limit = new Thread(() -> {
            try {
                if (!monitor.waitFor(LISTEN_SECONDS, TimeUnit.SECONDS)) {
                    monitor.destroy();
                }
            } catch (InterruptedException e) {
                monitor.destroy();
            }
        }, "garrison-notification-limit");
        limit.setDaemon(true);
        limit.start();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(monitor.getInputStream(),
                StandardCharsets.UTF_8))) {
            if (clicked(lines, id)) {
                onClick.run();
            }
        } finally {
            limit.interrupt();
        }
    }

    /**
     * Reads the monitor's lines until notification {@code id} is clicked (its action invoked: true) or closed, or
     * the lines end (false). A click reads {@code /org/freedesktop/Notifications:
     * org.freedesktop.Notifications.ActionInvoked (uint32 7, 'default')}.
     */
    static boolean clicked(BufferedReader lines, String id) throws IOException {
        String ours = "(uint32 " + id + ",";
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (line.contains(ours) && line.contains(".ActionInvoked")) {
                return true;
            }
            if (line.contains(ours) && line.contains(".NotificationClosed")) {
                return false;
            }
        }
        return false;
    }

    /** Ends the monitors still waiting for a click: a program must not outlive the app it would bring forward. */
    @Override
    public void close() {
        for (Process monitor : listening) {
            monitor.destroy();
        }
        listening.clear();
    }

    private static Process start(List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        return builder.start();
    }

    /** A GVariant string literal, as gdbus reads its arguments. */
    static String quoted(String text) {
        StringBuilder out = new StringBuilder("'");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '\'', '\\' -> out.append('\\').append(c);
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        return out.append('\'').toString();
    }
}
