package io.garrison.ui.lessons;

import io.garrison.engine.PoolEvent;
import io.garrison.engine.PoolListener;
import io.garrison.lessons.ClassroomWebServer;
import io.garrison.lessons.DownloadLesson;
import io.garrison.lessons.LessonId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;

/**
 * Lesson 3, the exercise: three workers download the home pages of download.txt. Offline (the default) they
 * come from a {@link ClassroomWebServer} on 127.0.0.1 whose latency the class can change while it runs.
 */
public final class DownloadLessonViewModel extends LessonViewModel {

    private final BooleanProperty offline = new SimpleBooleanProperty(this, "offline", true);
    private final IntegerProperty latencyMs = new SimpleIntegerProperty(this, "latencyMs", 400);
    private volatile ClassroomWebServer server;
    private volatile boolean playOffline;
    /** The folder of the last run's pages, named in its output: kept until the next run or the window closes. */
    private final AtomicReference<Path> pages = new AtomicReference<>();

    /** Offline by default, with 400 ms of latency. */
    public DownloadLessonViewModel(Executor background) {
        super(LessonId.DOWNLOAD, background);
        // The server reads its latency per request, so a change is felt by the pages not yet served.
        latencyMs.addListener((obs, old, now) -> {
            ClassroomWebServer web = server;
            if (web != null) {
                web.setLatency(Duration.ofMillis(now.longValue()));
            }
        });
    }

    /** Serve the pages from this machine (true) or fetch the real sites (false). */
    public BooleanProperty offlineProperty() {
        return offline;
    }

    /** How long each classroom page waits before it answers. */
    public IntegerProperty latencyMsProperty() {
        return latencyMs;
    }

    @Override
    protected void prepare() {
        playOffline = offline.get();
    }

    @Override
    protected int workers() {
        return DownloadLesson.WORKERS;
    }

    @Override
    protected void play() throws Exception {
        String list = playOffline ? DownloadLesson.offlineList(classroom()) : DownloadLesson.onlineList();
        Path out = Files.createTempDirectory("garrison-download-");
        deletePages(pages.getAndSet(out));
        say(playOffline ? "lesson.download.out.offline" : "lesson.download.out.online", DownloadLesson.WORKERS,
                playOffline ? classroom().port() : 0);
        PoolListener board = boardListener();
        DownloadLesson.run(list, out, event -> {
            board.onEvent(event);
            report(event, out);
        });
    }

    /** Output follows the event stream, where the run's end comes after its last page. Event thread. */
    private void report(PoolEvent event, Path out) {
        if (event instanceof PoolEvent.TaskSucceeded done) {
            say("lesson.download.out.saved", done.input(), done.pid(), done.elapsedMs());
        } else if (event instanceof PoolEvent.TaskFailed failed && !failed.willRetry()) {
            say("lesson.download.out.failed", failed.input(), failed.pid(), failed.error());
        } else if (event instanceof PoolEvent.RunFinished end) {
            say("lesson.download.out.summary", end.succeeded(), end.total(), end.elapsedMs(), out);
            if (!playOffline && end.succeeded() == 0) {
                say("lesson.download.out.no-network");
            }
        }
    }

    private ClassroomWebServer classroom() throws IOException {
        if (server == null) {
            server = ClassroomWebServer.start(Duration.ofMillis(latencyMs.get()));
        }
        return server;
    }

    /** Stops the classroom server and deletes the last run's pages. */
    @Override
    public void close() {
        super.close();
        ClassroomWebServer web = server;
        server = null;
        if (web != null) {
            web.close();
        }
        deletePages(pages.getAndSet(null));
    }

    /** Deletes a folder this lesson made and the pages in it; what cannot be deleted now stays. */
    private static void deletePages(Path folder) {
        if (folder == null) {
            return;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path page : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(page);
            }
            Files.deleteIfExists(folder);
        } catch (IOException e) {
            // A page still being written, say: the folder is left in the temporary directory.
        }
    }
}
