package io.garrison.ui.lessons;

import io.garrison.lessons.ApplyAsyncLesson;
import io.garrison.lessons.LessonId;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * Lesson 2: {@code apply_async}, {@code ready}, {@code get}, {@code close}, {@code join}. Step makes the next
 * call and stops, so the class sees what each process does between calls; Run makes the remaining calls with a
 * short gap between them.
 */
public final class ApplyAsyncLessonViewModel extends LessonViewModel {

    private static final long GAP_MS = 800;

    private final ReadOnlyObjectWrapper<ApplyAsyncLesson.Step> nextStep =
            new ReadOnlyObjectWrapper<>(this, "nextStep", ApplyAsyncLesson.Step.START_POOL);
    private final long workMs;
    private final long gapMs;
    // Used by one background task at a time: a step starts only when the last one has finished.
    private volatile ApplyAsyncLesson lesson;

    /**
     * @param workMs how long each task works
     * @param gapMs the pause between calls when Run plays them all
     */
    public ApplyAsyncLessonViewModel(Executor background, long workMs, long gapMs) {
        super(LessonId.APPLY_ASYNC, background);
        this.workMs = workMs;
        this.gapMs = gapMs;
    }

    /** With classroom timings: tasks of 2.5 s, so a class sees ready() say false. */
    public ApplyAsyncLessonViewModel(Executor background) {
        this(background, 2500, GAP_MS);
    }

    /** The call the next Step makes; after {@link ApplyAsyncLesson.Step#JOIN}, {@code DONE}. */
    public ReadOnlyObjectProperty<ApplyAsyncLesson.Step> nextStepProperty() {
        return nextStep.getReadOnlyProperty();
    }

    /** Makes the next call; after the last one, the next Step starts the program again. FX thread. */
    public void step() {
        boolean fresh = lesson == null;
        if (begin(fresh)) {
            launch(this::stepOnce);
        }
    }

    @Override
    protected void prepare() {
        close();
        lesson = new ApplyAsyncLesson(workMs, boardListener());
        nextStep.set(ApplyAsyncLesson.Step.START_POOL);
    }

    @Override
    public void run() {
        if (begin(lesson == null)) {
            launch(() -> {
                while (lesson != null) {
                    stepOnce();
                    Thread.sleep(gapMs);
                }
            });
        }
    }

    @Override
    protected int workers() {
        return ApplyAsyncLesson.WORKERS;
    }

    @Override
    protected void play() {
        // run() is overridden: stepping drives the lesson.
    }

    private void stepOnce() throws Exception {
        ApplyAsyncLesson.StepResult result = lesson.step();
        String key = "lesson.apply-async.out." + result.step().name();
        say(key, result.workerPids(), result.ready(), result.results(), result.state());
        ApplyAsyncLesson.Step next = lesson.next();
        if (next == ApplyAsyncLesson.Step.DONE) {
            lesson.close();
            lesson = null;
        }
        post(() -> nextStep.set(next));
    }

    /** Ends a program left half-way. */
    @Override
    public void close() {
        super.close();
        ApplyAsyncLesson left = lesson;
        lesson = null;
        if (left != null) {
            left.close();
        }
    }
}
