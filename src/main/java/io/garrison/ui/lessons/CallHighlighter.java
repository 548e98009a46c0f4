package io.garrison.ui.lessons;

import io.garrison.lessons.ApplyAsyncLesson;
import java.util.Map;
import javafx.scene.control.TextArea;

/**
 * Marks, in both programs of the apply_async lesson, the line that the next Step will run, so the class reads
 * the call while it watches its effect on the workers.
 */
final class CallHighlighter {

    /** A piece of the Python and of the Java line each call is on. */
    private record Marker(String python, String java) {
    }

    private static final Map<ApplyAsyncLesson.Step, Marker> MARKERS = Map.of(
            ApplyAsyncLesson.Step.START_POOL, new Marker("mp.Pool(3)", "ProcessPool.builder()"),
            ApplyAsyncLesson.Step.APPLY_ASYNC, new Marker("apply_async(f, (3,))", "applyAsync(f, 3)"),
            ApplyAsyncLesson.Step.CHECK_READY, new Marker("r3.ready()", "r3.ready()"),
            ApplyAsyncLesson.Step.GET, new Marker("r3.get(", "r3.get("),
            ApplyAsyncLesson.Step.CLOSE, new Marker("pool.close()", "pool.close()"),
            ApplyAsyncLesson.Step.JOIN, new Marker("pool.join()", "pool.join()"));

    private CallHighlighter() {
    }

    /** Keeps the next call's line selected in both areas. */
    static void follow(ApplyAsyncLessonViewModel lesson, TextArea python, TextArea java) {
        lesson.nextStepProperty().addListener((obs, old, step) -> mark(step, python, java));
        mark(lesson.nextStepProperty().get(), python, java);
    }

    private static void mark(ApplyAsyncLesson.Step step, TextArea python, TextArea java) {
        Marker marker = MARKERS.get(step);
        selectLine(python, marker == null ? null : marker.python());
        selectLine(java, marker == null ? null : marker.java());
    }

    private static void selectLine(TextArea area, String piece) {
        String text = area.getText();
        int at = piece == null ? -1 : text.indexOf(piece);
        if (at < 0) {
            area.deselect();
            return;
        }
        int start = text.lastIndexOf('\n', at) + 1;
        int end = text.indexOf('\n', at);
        area.selectRange(start, end < 0 ? text.length() : end);
    }
}
