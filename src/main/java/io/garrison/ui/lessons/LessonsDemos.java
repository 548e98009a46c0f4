package io.garrison.ui.lessons;

import io.garrison.lessons.LessonId;
import java.util.List;
import java.util.Locale;
import javafx.stage.Stage;

/** For {@code --demo lesson:KEY}: opens the Lessons window on one lesson and plays it. */
public final class LessonsDemos {

    private LessonsDemos() {
    }

    /** The keys {@link #start} accepts, in teaching order. */
    public static List<String> ids() {
        return LessonId.keys();
    }

    /**
     * Opens the Lessons window in the default locale's language on the lesson named {@code lessonName} and runs
     * it. FX thread.
     *
     * @return the lesson keys, for a usage message
     * @throws IllegalArgumentException if no lesson has that name (the message lists the names)
     */
    public static List<String> start(String lessonName) {
        open(lessonName);
        return ids();
    }

    /**
     * Like {@link #start}, but returns the window, for a demo that takes its picture or closes it. FX thread.
     *
     * @throws IllegalArgumentException if no lesson has that name (the message lists the names)
     */
    public static Stage open(String lessonName) {
        return open(lessonName, Locale.getDefault());
    }

    /** Like {@link #open(String)}, in {@code locale}'s language. FX thread. */
    public static Stage open(String lessonName, Locale locale) {
        return open(lessonName, locale, false);
    }

    /**
     * Like {@link #open(String, Locale)}; {@code inPython} plays the lesson's own Python program (Run it in Python)
     * instead of Garrison's. FX thread.
     */
    public static Stage open(String lessonName, Locale locale, boolean inPython) {
        LessonId id = LessonId.byKey(lessonName).orElseThrow(() ->
                new IllegalArgumentException("no lesson '" + lessonName + "'; lessons: " + String.join(", ", ids())));
        Stage stage = LessonsWindow.show(null, locale);
        LessonsView view = (LessonsView) stage.getScene().getRoot();
        LessonViewModel lesson = view.model().lesson(id);
        view.model().selectedProperty().set(lesson);
        if (inPython) {
            lesson.runInPython();
        } else {
            lesson.run();
        }
        return stage;
    }
}
