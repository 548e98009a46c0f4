package io.garrison.ui.lessons;

import io.garrison.lessons.LessonId;
import io.garrison.lessons.RaceLesson;
import java.util.concurrent.Executor;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;

/** Lesson 5: a shared counter loses updates without the lock and is exact with it. */
public final class RaceLessonViewModel extends LessonViewModel {

    private final IntegerProperty workers = new SimpleIntegerProperty(this, "workers", 3);
    private final IntegerProperty increments = new SimpleIntegerProperty(this, "increments", 200_000);
    private final ObjectProperty<RaceLesson.Outcome> outcome = new SimpleObjectProperty<>(this, "outcome");
    private volatile int k;
    private volatile int m;

    /** Three processes, 200,000 adds each. */
    public RaceLessonViewModel(Executor background) {
        super(LessonId.RACE, background);
    }

    /** K, the counting processes. */
    public IntegerProperty workersProperty() {
        return workers;
    }

    /** M, the adds each makes. */
    public IntegerProperty incrementsProperty() {
        return increments;
    }

    /** The last run's counts; {@code null} before the first. */
    public ObjectProperty<RaceLesson.Outcome> outcomeProperty() {
        return outcome;
    }

    @Override
    protected void prepare() {
        k = workers.get();
        m = increments.get();
        outcome.set(null);
    }

    @Override
    protected int workers() {
        return k;
    }

    @Override
    protected void play() throws Exception {
        say("lesson.race.out.start", k, m);
        RaceLesson.Outcome result = RaceLesson.run(k, m, boardListener());
        post(() -> outcome.set(result));
        say("lesson.race.out.unlocked", result.expected(), result.unlocked(), result.expected() - result.unlocked());
        say("lesson.race.out.locked", result.expected(), result.locked(), result.expected() - result.locked());
    }
}
