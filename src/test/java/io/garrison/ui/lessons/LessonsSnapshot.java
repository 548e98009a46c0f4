package io.garrison.ui.lessons;

import io.garrison.lessons.LessonId;
import java.io.File;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.stage.Stage;
import javafx.util.Duration;
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

    /** After a finished lesson, the picture waits this long for the soldiers' last steps to be drawn. */
    private static final double SETTLE_SECONDS = 0.7;

    private LessonsSnapshot() {
    }

    public static void main(String[] args) throws Exception {
        LessonId id = LessonId.byKey(args[0]).orElseThrow();
        Locale locale = args[1].startsWith("zh") ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
        File png = new File(args[2]);
        double afterSeconds = Double.parseDouble(args[3]);
        AtomicReference<Stage> stage = new AtomicReference<>();
        CountDownLatch shown = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        Platform.startup(() -> {
            stage.set(LessonsDemos.open(id.key(), locale));
            stage.get().setWidth(1400);
            stage.get().setHeight(960);
            LessonViewModel lesson = ((LessonsView) stage.get().getScene().getRoot()).model().lesson(id);
            lesson.runningProperty().addListener((obs, was, running) -> {
                if (!running) {
                    finished.countDown();
                }
            });
            if (afterSeconds > 0 || !lesson.isRunning()) {
                finished.countDown();
            }
            shown.countDown();
        });
        shown.await(30, TimeUnit.SECONDS);
        // A lesson that has not finished in two minutes is pictured where it got, as a slow machine's best.
        finished.await(2, TimeUnit.MINUTES);
        // The picture is taken on the FX thread after its delay: the one asked for, or, at the end, long enough for
        // the last steps to be drawn.
        double delaySeconds = afterSeconds > 0 ? afterSeconds : SETTLE_SECONDS;
        CountDownLatch saved = new CountDownLatch(1);
        Platform.runLater(() -> {
            PauseTransition delay = new PauseTransition(Duration.seconds(delaySeconds));
            delay.setOnFinished(e -> {
                try {
                    ImageIO.write(SwingFXUtils.fromFXImage(stage.get().getScene().snapshot(null), null), "png", png);
                } catch (Exception ex) {
                    ex.printStackTrace();
                } finally {
                    saved.countDown();
                }
            });
            delay.play();
        });
        saved.await(30 + (long) delaySeconds, TimeUnit.SECONDS);
        Platform.runLater(() -> {
            stage.get().hide();
            Platform.exit();
        });
        System.out.println("saved " + png);
        System.exit(0);
    }
}
