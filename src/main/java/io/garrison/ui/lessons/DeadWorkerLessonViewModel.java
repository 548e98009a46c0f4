package io.garrison.ui.lessons;

import io.garrison.lessons.DeadWorkerLesson;
import io.garrison.lessons.LessonId;
import java.time.Duration;
import java.util.concurrent.Executor;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * Lesson 7: a worker is killed while {@code map} waits. In Python's mode the task is lost; a countdown shows
 * how long the lesson still waits before it terminates the pool. In Garrison's mode the task is retried.
 */
public final class DeadWorkerLessonViewModel extends LessonViewModel {

    private final ObjectProperty<DeadWorkerLesson.Mode> mode =
            new SimpleObjectProperty<>(this, "mode", DeadWorkerLesson.Mode.PYTHON);
    private final IntegerProperty patienceSeconds = new SimpleIntegerProperty(this, "patienceSeconds", 8);
    private final ReadOnlyIntegerWrapper secondsLeft = new ReadOnlyIntegerWrapper(this, "secondsLeft", -1);
    private final long taskMs;
    private volatile long giveUpAtMs;
    private volatile DeadWorkerLesson.Mode playing;
    private volatile int patience;

    /** @param taskMs how long each task of the {@code map} works */
    public DeadWorkerLessonViewModel(Executor background, long taskMs) {
        super(LessonId.DEAD_WORKER, background);
        this.taskMs = taskMs;
    }

    /** With classroom timings: tasks of 1.5 s. */
    public DeadWorkerLessonViewModel(Executor background) {
        this(background, 1500);
    }

    /** Python's Pool (the task is lost) or Garrison's (it is retried). */
    public ObjectProperty<DeadWorkerLesson.Mode> modeProperty() {
        return mode;
    }

    /** How long the lesson waits for a {@code map} that lost a task before it terminates the pool. */
    public IntegerProperty patienceSecondsProperty() {
        return patienceSeconds;
    }

    /** Whole seconds until the lesson gives up waiting; -1 when it is not waiting. */
    public ReadOnlyIntegerProperty secondsLeftProperty() {
        return secondsLeft.getReadOnlyProperty();
    }

    @Override
    protected void prepare() {
        playing = mode.get();
        patience = patienceSeconds.get();
        giveUpAtMs = 0;
    }

    @Override
    protected int workers() {
        return DeadWorkerLesson.WORKERS;
    }

    @Override
    protected void play() throws Exception {
        say(playing == DeadWorkerLesson.Mode.PYTHON ? "lesson.dead-worker.out.python" : "lesson.dead-worker.out.garrison",
                DeadWorkerLesson.WORKERS, DeadWorkerLesson.INPUTS);
        DeadWorkerLesson.Outcome outcome = DeadWorkerLesson.run(playing, taskMs, Duration.ofSeconds(patience),
                boardListener(), (pid, input, giveUpAt) -> {
                    if (playing == DeadWorkerLesson.Mode.PYTHON) {
                        giveUpAtMs = giveUpAt;
                    }
                    say("lesson.dead-worker.out.killed", pid, input);
                });
        giveUpAtMs = 0;
        if (outcome.completed()) {
            say("lesson.dead-worker.out.completed", outcome.results(), outcome.waitedMs());
        } else {
            say("lesson.dead-worker.out.lost", outcome.lostInput(), outcome.waitedMs() / 1000);
            if (outcome.callerInterrupted()) {
                say("lesson.dead-worker.out.still-waiting");
            } else {
                say("lesson.dead-worker.out.terminated", outcome.failure());
            }
        }
    }

    @Override
    protected void onFrame() {
        long until = giveUpAtMs;
        int left = until == 0 ? -1 : (int) Math.max(0, (until - System.currentTimeMillis() + 999) / 1000);
        if (left != secondsLeft.get()) {
            secondsLeft.set(left);
        }
    }

    @Override
    protected void finished() {
        giveUpAtMs = 0;
        onFrame();
    }
}
