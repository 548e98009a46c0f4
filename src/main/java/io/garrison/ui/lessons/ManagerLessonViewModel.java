package io.garrison.ui.lessons;

import io.garrison.lessons.LessonId;
import io.garrison.lessons.ManagerLesson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Lesson 6: a Manager process holds a list and a dict; the pool's workers fill them over TCP. The panel shows
 * the Manager's PID and address, the command another machine would run to join, and the objects as they grow.
 */
public final class ManagerLessonViewModel extends LessonViewModel {

    /** Long enough to type the command on another machine, short enough that a forgotten server goes away. */
    public static final Duration DEFAULT_LINGER = Duration.ofMinutes(5);

    private final ObjectProperty<ManagerLesson.Server> server = new SimpleObjectProperty<>(this, "server");
    private final ObservableList<String> list = FXCollections.observableArrayList();
    private final ObservableList<String> dict = FXCollections.observableArrayList();
    private final ObservableList<Long> clients = FXCollections.observableArrayList();
    private final BooleanProperty openToNetwork = new SimpleBooleanProperty(this, "openToNetwork", false);
    private final BooleanProperty keepServing = new SimpleBooleanProperty(this, "keepServing", true);
    private final ReadOnlyBooleanWrapper lingering = new ReadOnlyBooleanWrapper(this, "lingering", false);
    private final long pauseMs;
    private final Duration linger;
    private volatile ManagerLesson.Settings settings;
    private volatile boolean stopRequested;

    /**
     * @param pauseMs how long each task waits before it writes
     * @param linger how long the Manager stays up after the workers, when {@link #keepServingProperty()} is set
     */
    public ManagerLessonViewModel(Executor background, long pauseMs, Duration linger) {
        super(LessonId.MANAGER, background);
        this.pauseMs = pauseMs;
        this.linger = linger;
    }

    /** With classroom timings: 0.9 s before each write, and the Manager kept up to {@link #DEFAULT_LINGER}. */
    public ManagerLessonViewModel(Executor background) {
        this(background, 900, DEFAULT_LINGER);
    }

    /** Listen on every interface, so other machines can join (only on a network you trust). */
    public BooleanProperty openToNetworkProperty() {
        return openToNetwork;
    }

    /** Keep the Manager up after the workers are done, so a terminal or another machine can join. */
    public BooleanProperty keepServingProperty() {
        return keepServing;
    }

    /** True while the workers are done and the Manager waits for visitors. */
    public ReadOnlyBooleanProperty lingeringProperty() {
        return lingering.getReadOnlyProperty();
    }

    /** Stops a lingering Manager now. FX thread. */
    public void stopManager() {
        stopRequested = true;
    }

    /** The running (or last) Manager; {@code null} before the first run. */
    public ObjectProperty<ManagerLesson.Server> serverProperty() {
        return server;
    }

    /** The shared list, element by element. */
    public ObservableList<String> list() {
        return list;
    }

    /** The shared dict, as {@code key → value}. */
    public ObservableList<String> dict() {
        return dict;
    }

    /** Processes that connected: this one first, then the workers. */
    public ObservableList<Long> clients() {
        return clients;
    }

    @Override
    protected void prepare() {
        settings = new ManagerLesson.Settings(Duration.ofMillis(pauseMs), openToNetwork.get(),
                keepServing.get() ? linger : Duration.ZERO);
        stopRequested = false;
        server.set(null);
        list.clear();
        dict.clear();
        clients.clear();
    }

    @Override
    protected int workers() {
        return ManagerLesson.WORKERS;
    }

    @Override
    protected void play() throws Exception {
        Path dir = Files.createTempDirectory("garrison-manager-");
        ManagerLesson.Outcome outcome;
        try {
            outcome = runManager(dir);
        } finally {
            forget(dir);
        }
        say("lesson.manager.out.clients", outcome.clientPids());
        say("lesson.manager.out.list", outcome.shared().list());
        say("lesson.manager.out.stopped", outcome.server().pid());
    }

    private ManagerLesson.Outcome runManager(Path dir) throws Exception {
        return ManagerLesson.run(dir, settings, boardListener(),
                new ManagerLesson.Observer() {
                    @Override
                    public void started(ManagerLesson.Server started) {
                        post(() -> server.set(started));
                        say("lesson.manager.out.started", started.pid(), started.host() + ":" + started.port());
                    }

                    @Override
                    public void changed(ManagerLesson.Snapshot snapshot) {
                        post(() -> show(snapshot));
                    }

                    @Override
                    public void lingering(long untilMs) {
                        post(() -> lingering.set(true));
                        say("lesson.manager.out.lingering", (untilMs - System.currentTimeMillis() + 59_999) / 60_000);
                    }

                    @Override
                    public boolean keepServing() {
                        return !stopRequested;
                    }
                });
    }

    /** The Manager deletes its key when it stops, which leaves the folder empty: it goes too. */
    private static void forget(Path dir) {
        try {
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // Something else is in it: not ours to delete.
        }
    }

    @Override
    protected void finished() {
        lingering.set(false);
    }

    /** Stops a lingering Manager; the lesson's thread then stops it for good. */
    @Override
    public void close() {
        super.close();
        stopRequested = true;
    }

    private void show(ManagerLesson.Snapshot snapshot) {
        List<String> items = snapshot.list().stream().map(String::valueOf).toList();
        if (!items.equals(list)) {
            list.setAll(items);
        }
        List<String> entries = snapshot.dict().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + " → " + e.getValue()).toList();
        if (!entries.equals(dict)) {
            dict.setAll(entries);
        }
        // Each worker notes its PID in the dict, so the clients seen so far can be read from it while it grows.
        List<Long> seen = new java.util.ArrayList<>(List.of(ProcessHandle.current().pid()));
        snapshot.dict().values().stream().filter(Number.class::isInstance).map(v -> ((Number) v).longValue())
                .distinct().sorted().forEach(seen::add);
        if (!seen.equals(clients)) {
            clients.setAll(seen);
        }
    }
}
