package io.garrison.ui.lessons;

import io.garrison.lessons.LessonId;
import java.io.File;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/**
 * Opens the Lessons panel in a real window, plays one lesson and saves a picture of it, for looking at the
 * panel under a virtual display:
 * {@code xvfb-run -a -s "-screen 0 1600x1000x24" java -cp ... io.garrison.ui.lessons.LessonsSnapshot race zh out.png 0}.
 *
 * <p>Arguments: lesson key, language ({@code en} or {@code zh}), PNG file, and seconds after Run to take the
 * picture (0: when the lesson has finished).
 */
public final class LessonsSnapshot {

    private LessonsSnapshot() {
    }

    public static void main(String[] args) throws Exception {
        LessonId id = LessonId.byKey(args[0]).orElseThrow();
        Locale locale = args[1].startsWith("zh") ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
        File png = new File(args[2]);
        double afterSeconds = Double.parseDouble(args[3]);
        AtomicReference<Stage> stage = new AtomicReference<>();
        CountDownLatch shown = new CountDownLatch(1);
        Platform.startup(() -> {
            stage.set(LessonsDemos.open(id.key(), locale));
            stage.get().setWidth(1400);
            stage.get().setHeight(960);
            shown.countDown();
        });
        shown.await(30, TimeUnit.SECONDS);
        LessonsViewModel model = ((LessonsView) stage.get().getScene().getRoot()).model();
        LessonViewModel lesson = model.lesson(id);
        if (afterSeconds > 0) {
            Thread.sleep((long) (afterSeconds * 1000));
        } else {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            Thread.sleep(500);
            while (lesson.isRunning() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            Thread.sleep(700);
        }
        CountDownLatch saved = new CountDownLatch(1);
        Platform.runLater(() -> {
            try {
                ImageIO.write(SwingFXUtils.fromFXImage(stage.get().getScene().snapshot(null), null), "png", png);
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                saved.countDown();
            }
        });
        saved.await(30, TimeUnit.SECONDS);
        Platform.runLater(() -> {
            stage.get().hide();
            Platform.exit();
        });
        System.out.println("saved " + png);
        System.exit(0);
    }
}
