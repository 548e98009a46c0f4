package io.garrison.ui.lessons;

import io.garrison.lessons.LessonId;
import io.garrison.lessons.MapLesson;
import java.util.concurrent.Executor;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;

/** Lesson 1: {@code pool.map} squares 1..10 on five worker processes. */
public final class MapLessonViewModel extends LessonViewModel {

    private final IntegerProperty workMs = new SimpleIntegerProperty(this, "workMs", 400);
    private volatile long work;

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
    protected void play() throws Exception {
        say("lesson.map.out.start", MapLesson.WORKERS, MapLesson.INPUTS);
        MapLesson.Outcome outcome = MapLesson.run(work, boardListener());
        say("lesson.map.out.pids", outcome.workerPids());
        say("lesson.map.out.result", outcome.squares(), outcome.elapsedMs());
    }
}
