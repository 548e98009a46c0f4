package io.garrison.lessons;

import io.garrison.engine.PoolListener;
import io.garrison.engine.ProcessPool;
import io.garrison.engine.RunSummary;
import io.garrison.engine.TaskRun;
import io.garrison.task.TaskKinds;
import io.garrison.task.TaskList;
import io.garrison.task.TaskListParser;
import io.garrison.task.TaskOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The tutorial's exercise: a pool of three worker processes downloads the home pages listed in download.txt,
 * each worker fetching one page at a time. Offline, the list points at a {@link ClassroomWebServer}.
 */
public final class DownloadLesson {

    /** The pool size the exercise asks for. */
    public static final int WORKERS = 3;

    /** Where the real list lives on the class path (the app's resources/samples/download.txt). */
    public static final String ONLINE_LIST = "/samples/download.txt";

    private static final long REQUEST_TIMEOUT_MS = 20_000;

    private DownloadLesson() {
    }

    /**
     * How the run went.
     *
     * @param summary the run's counts
     * @param files the pages saved, by name
     * @param outputDir where they were saved
     */
    public record Outcome(RunSummary summary, List<Path> files, Path outputDir) {
    }

    /** The task list of the online mode: download.txt as shipped with the app. */
    public static String onlineList() {
        try (InputStream in = DownloadLesson.class.getResourceAsStream(ONLINE_LIST)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + ONLINE_LIST);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The task list of the offline mode: one line per sample page of {@code server}. */
    public static String offlineList(ClassroomWebServer server) {
        return String.join("\n", server.urls()) + "\n";
    }

    /**
     * Downloads every address of {@code listText} into {@code outputDir} with a pool of three.
     *
     * @param listText a task list, one URL a line (comments and blank lines allowed)
     * @param listener sees the pool's and the run's events; may be {@code null}
     */
    public static Outcome run(String listText, Path outputDir, PoolListener listener)
            throws InterruptedException, IOException {
        Files.createDirectories(outputDir);
        TaskOptions options = TaskOptions.builder().outputDir(outputDir).requestTimeoutMs(REQUEST_TIMEOUT_MS).build();
        TaskList list = new TaskListParser(TaskKinds.require("download"), options).parse(listText);
        try (ProcessPool pool = LessonPools.create(WORKERS, listener)) {
            RunSummary summary = TaskRun.start(pool, list, "download", options).await();
            return new Outcome(summary, savedFiles(outputDir), outputDir);
        }
    }

    private static List<Path> savedFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).map(Path::getFileName).sorted().toList();
        }
    }
}
