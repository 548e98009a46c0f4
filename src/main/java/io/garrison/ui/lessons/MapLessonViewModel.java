package io.garrison.ui.lessons;

import io.garrison.engine.PoolEvent;
import io.garrison.engine.PoolListener;
import io.garrison.lessons.LessonId;
import io.garrison.lessons.MapLesson;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;

/** Lesson 1: {@code pool.map} squares 1..10 on five worker processes. */
public final class MapLessonViewModel extends LessonViewModel {

    private static final Duration EVENTS_TIMEOUT = Duration.ofSeconds(5);

    private final IntegerProperty workMs = new SimpleIntegerProperty(this, "workMs", 400);
    private volatile long work;

    /** @param background where the lesson runs; a current-thread executor makes {@link #run()} return at the end */
    public MapLessonViewModel(Executor background) {
        super(LessonId.MAP, background);
    }

    /** How long each task works, so a class sees the numbers spread over the workers; 0 is full speed. */
    public IntegerProperty workMsProperty() {
        return workMs;
    }

    @Override
    protected void prepare() {
        work = workMs.get();
    }

    @Override
    protected int workers() {
        return MapLesson.WORKERS;
    }

    @Override
    protected void play() throws Exception {
        say("lesson.map.out.start", MapLesson.WORKERS, MapLesson.INPUTS);
        PoolListener board = boardListener();
        CountDownLatch reported = new CountDownLatch(MapLesson.INPUTS.size());
        MapLesson.Outcome outcome = MapLesson.run(work, event -> {
            board.onEvent(event);
            if (event instanceof PoolEvent.TaskSucceeded done) {
                say("lesson.map.out.task", done.input(), done.result(), done.pid());
                reported.countDown();
            }
        });
        // Events trail the results a little: the finishing order is told in full before map's own order.
        reported.await(EVENTS_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        say("lesson.map.out.pids", outcome.workerPids());
        say("lesson.map.out.result", outcome.squares(), outcome.elapsedMs());
    }
}
