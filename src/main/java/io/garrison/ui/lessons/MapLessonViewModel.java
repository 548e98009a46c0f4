package io.garrison.ui.lessons;

import io.garrison.lessons.LessonId;
import io.garrison.lessons.MapLesson;
import java.time.Duration;
import java.util.concurrent.Executor;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;

/** Lesson 1: {@code pool.map} squares 1..10 on five worker processes. */
public final class MapLessonViewModel extends LessonViewModel {

    private final IntegerProperty paceMs = new SimpleIntegerProperty(this, "paceMs", 250);
    private volatile long pace;

    public MapLessonViewModel(Executor background) {
        super(LessonId.MAP, background);
    }

    /** At most one task is handed out per this many milliseconds, so a class can follow; 0 is full speed. */
    public IntegerProperty paceMsProperty() {
        return paceMs;
    }

    @Override
    protected void prepare() {
        pace = paceMs.get();
    }

    @Override
    protected void play() throws Exception {
        say("lesson.map.out.start", MapLesson.WORKERS, MapLesson.INPUTS);
        MapLesson.Outcome outcome = MapLesson.run(Duration.ofMillis(pace), boardListener());
        say("lesson.map.out.pids", outcome.workerPids());
        say("lesson.map.out.result", outcome.squares(), outcome.elapsedMs());
    }
}
