package io.garrison.ui.lessons;

import io.garrison.lessons.LessonId;
import io.garrison.lessons.ManagerLesson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Lesson 6: a Manager process holds a list and a dict; the pool's workers fill them over TCP. The panel shows
 * the Manager's PID and address, the command another machine would run to join, and the objects as they grow.
 */
public final class ManagerLessonViewModel extends LessonViewModel {

    private final ObjectProperty<ManagerLesson.Server> server = new SimpleObjectProperty<>(this, "server");
    private final ObservableList<String> list = FXCollections.observableArrayList();
    private final ObservableList<String> dict = FXCollections.observableArrayList();
    private final ObservableList<Long> clients = FXCollections.observableArrayList();
    private final long pauseMs;

    /** @param pauseMs how long each task waits before it writes */
    public ManagerLessonViewModel(Executor background, long pauseMs) {
        super(LessonId.MANAGER, background);
        this.pauseMs = pauseMs;
    }

    public ManagerLessonViewModel(Executor background) {
        this(background, 900);
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
        server.set(null);
        list.clear();
        dict.clear();
        clients.clear();
    }

    @Override
    protected void play() throws Exception {
        Path dir = Files.createTempDirectory("garrison-manager-");
        ManagerLesson.Outcome outcome = ManagerLesson.run(dir, Duration.ofMillis(pauseMs), boardListener(),
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
                });
        say("lesson.manager.out.clients", outcome.clientPids());
        say("lesson.manager.out.list", outcome.shared().list());
        say("lesson.manager.out.stopped", outcome.server().pid());
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
        snapshot.dict().values().stream().map(v -> ((Number) v).longValue()).distinct().sorted().forEach(seen::add);
        if (!seen.equals(clients)) {
            clients.setAll(seen);
        }
    }
}
