package io.garrison.ui.lessons;

import io.garrison.lessons.LessonId;
import io.garrison.lessons.SharedMemoryLesson;
import io.garrison.shared.SharedArray;
import io.garrison.shared.SharedValue;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Executor;
import java.util.stream.IntStream;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Lesson 4: a child process writes into a shared double and a shared int array; the panel reads the mapped
 * memory every frame, so the cells change on screen the moment the child writes.
 */
public final class SharedMemoryLessonViewModel extends LessonViewModel {

    private static final int[] INITIAL = IntStream.range(0, 10).toArray();

    private final DoubleProperty value = new SimpleDoubleProperty(this, "value", 0.0);
    private final ObservableList<Long> cells =
            FXCollections.observableArrayList(Arrays.stream(INITIAL).mapToObj(i -> (long) i).toList());
    private final long pauseMs;
    // Created, polled and closed on the FX thread; the lesson thread only passes them to the child by name.
    private SharedValue sharedValue;
    private SharedArray sharedArray;

    /** @param pauseMs how long the child waits before each write */
    public SharedMemoryLessonViewModel(Executor background, long pauseMs) {
        super(LessonId.SHARED_MEMORY, background);
        this.pauseMs = pauseMs;
    }

    /** With classroom timings: 1.2 s before each of the child's writes. */
    public SharedMemoryLessonViewModel(Executor background) {
        this(background, 1200);
    }

    /** The shared {@code Value('d')} as the parent reads it now. */
    public DoubleProperty valueProperty() {
        return value;
    }

    /** The shared {@code Array('i')} as the parent reads it now. */
    public ObservableList<Long> cells() {
        return cells;
    }

    @Override
    protected void prepare() {
        sharedValue = SharedValue.ofDouble(0.0);
        sharedArray = SharedArray.ofInts(INITIAL);
        onFrame();
    }

    @Override
    protected int workers() {
        // Python's example starts one Process; the lesson uses a pool of one.
        return 1;
    }

    @Override
    protected void play() throws Exception {
        SharedValue v = sharedValue;
        SharedArray a = sharedArray;
        say("lesson.shared-memory.out.created", v.name(), a.name());
        SharedMemoryLesson.Outcome outcome = SharedMemoryLesson.run(v, a, Duration.ofMillis(pauseMs), boardListener());
        say("lesson.shared-memory.out.child", outcome.workerPid());
        say("lesson.shared-memory.out.parent", outcome.value(), outcome.array());
    }

    @Override
    protected void onFrame() {
        if (sharedValue == null) {
            return;
        }
        double now = sharedValue.getDouble();
        if (now != value.get()) {
            value.set(now);
        }
        for (int i = 0; i < cells.size(); i++) {
            long cell = sharedArray.getLong(i);
            if (cells.get(i) != cell) {
                cells.set(i, cell);
            }
        }
    }

    @Override
    protected void finished() {
        onFrame();
        close();
    }

    /** Frees the shared memory. FX thread. */
    @Override
    public void close() {
        super.close();
        if (sharedValue != null) {
            sharedValue.close();
            sharedArray.close();
            sharedValue = null;
            sharedArray = null;
        }
    }
}
