package io.garrison.ui.lessons;

import io.garrison.lessons.LessonId;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The Lessons panel's state: every lesson's view model in teaching order, the one on screen, and the language.
 * Closing it stops whatever the lessons started.
 */
public final class LessonsViewModel implements AutoCloseable {

    private final List<LessonViewModel> lessons;
    private final ObjectProperty<LessonViewModel> selected = new SimpleObjectProperty<>(this, "selected");
    private final ObjectProperty<Locale> locale = new SimpleObjectProperty<>(this, "locale");
    private final ExecutorService ownExecutor;

    /** The lessons, running on {@code background}, which the caller owns. */
    public LessonsViewModel(Locale locale, Executor background) {
        this(locale, background, null);
    }

    /** The lessons on a pool of daemon threads this view model owns and stops on {@link #close()}. */
    public LessonsViewModel(Locale locale) {
        this(locale, null, Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "garrison-lesson");
            thread.setDaemon(true);
            return thread;
        }));
    }

    private LessonsViewModel(Locale locale, Executor background, ExecutorService own) {
        Executor executor = own != null ? own : background;
        this.ownExecutor = own;
        this.lessons = List.of(new MapLessonViewModel(executor), new ApplyAsyncLessonViewModel(executor),
                new DownloadLessonViewModel(executor), new SharedMemoryLessonViewModel(executor),
                new RaceLessonViewModel(executor), new ManagerLessonViewModel(executor),
                new DeadWorkerLessonViewModel(executor));
        this.locale.set(supported(locale));
        selected.set(lessons.get(0));
    }

    /** The languages the lessons are written in. */
    public static List<Locale> languages() {
        return List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE);
    }

    /** Chinese for any Chinese locale, else English. */
    public static Locale supported(Locale locale) {
        return locale != null && "zh".equals(locale.getLanguage()) ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
    }

    /** Every lesson, in teaching order. */
    public List<LessonViewModel> lessons() {
        return lessons;
    }

    /** The lesson with this id. */
    public LessonViewModel lesson(LessonId id) {
        return lessons.stream().filter(l -> l.id() == id).findFirst().orElseThrow();
    }

    /** The lesson on screen. */
    public ObjectProperty<LessonViewModel> selectedProperty() {
        return selected;
    }

    /** The language of the texts; set it to switch. */
    public ObjectProperty<Locale> localeProperty() {
        return locale;
    }

    /** One frame: every lesson applies its queued updates (a lesson keeps running when another is shown). */
    public void tick() {
        lessons.forEach(LessonViewModel::tick);
    }

    @Override
    public void close() {
        lessons.forEach(LessonViewModel::close);
        if (ownExecutor != null) {
            ownExecutor.shutdownNow();
        }
    }
}
