package io.garrison.ui.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import io.garrison.lessons.LessonId;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Modality;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** The two entry points the app uses: the menu's window and the demo helper. */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LessonsWindowTest {

    @Test
    void theWindowOpensInTheAppsLanguage(FxRobot robot) {
        AtomicReference<Stage> stage = new AtomicReference<>();
        robot.interact(() -> stage.set(LessonsWindow.show(null, Locale.CHINA)));

        assertThat(stage.get().getTitle()).isEqualTo("Garrison \u2014 课程");
        robot.interact(() -> stage.get().close());
    }

    @Test
    void theWindowFollowsTheAppsLanguage(FxRobot robot) {
        javafx.beans.property.ObjectProperty<Locale> app = new javafx.beans.property.SimpleObjectProperty<>(Locale.US);
        AtomicReference<Stage> stage = new AtomicReference<>();
        robot.interact(() -> stage.set(LessonsWindow.show(null, app)));
        assertThat(stage.get().getTitle()).isEqualTo("Garrison — Lessons");

        robot.interact(() -> app.set(Locale.SIMPLIFIED_CHINESE));

        assertThat(stage.get().getTitle()).isEqualTo("Garrison — 课程");
        robot.interact(() -> stage.get().close());
    }

    @Test
    void theMenusOneLineOpensInTheAppsLanguage(FxRobot robot) {
        Locale before = io.garrison.ui.i18n.I18n.getLocale();
        AtomicReference<Stage> stage = new AtomicReference<>();
        robot.interact(() -> {
            io.garrison.ui.i18n.I18n.setLocale(Locale.SIMPLIFIED_CHINESE);
            stage.set(LessonsWindow.show(null));
        });
        try {
            assertThat(stage.get().getTitle()).isEqualTo("Garrison \u2014 课程");
            robot.interact(() -> io.garrison.ui.i18n.I18n.setLocale(Locale.ENGLISH));
            assertThat(stage.get().getTitle()).isEqualTo("Garrison \u2014 Lessons");
        } finally {
            robot.interact(() -> {
                stage.get().close();
                io.garrison.ui.i18n.I18n.setLocale(before);
            });
        }
    }

    @Test
    void theWindowIsOneOfItsOwnAndFitsTheScreenOfTheWindowThatOpenedIt(FxRobot robot) {
        AtomicReference<Stage> opener = new AtomicReference<>();
        AtomicReference<Stage> stage = new AtomicReference<>();
        robot.interact(() -> {
            Stage main = new Stage();
            main.setScene(new Scene(new StackPane(), 400, 300));
            main.show();
            opener.set(main);
            stage.set(LessonsWindow.show(main, Locale.ENGLISH));
        });
        try {
            Rectangle2D screen = Screen.getPrimary().getVisualBounds();
            Stage lessons = stage.get();
            Rectangle2D window = new Rectangle2D(lessons.getX(), lessons.getY(), lessons.getWidth(), lessons.getHeight());

            // Not owned: an owned window stays above its owner, and the class goes back and forth between them.
            assertThat(lessons.getOwner()).isNull();
            assertThat(lessons.getModality()).isEqualTo(Modality.NONE);
            assertThat(lessons.isAlwaysOnTop()).isFalse();
            assertThat(screen.contains(window)).as("%s inside %s", window, screen).isTrue();
        } finally {
            robot.interact(() -> {
                stage.get().close();
                opener.get().close();
            });
        }
    }

    @Test
    void aDemoOpensItsLessonAndRunsIt(FxRobot robot) throws Exception {
        AtomicReference<List<String>> ids = new AtomicReference<>();
        robot.interact(() -> ids.set(LessonsDemos.start("shared-memory")));

        assertThat(ids.get()).containsExactlyElementsOf(LessonId.keys());
        LessonsView view = robot.lookup(".lessons-view").queryAs(LessonsView.class);
        LessonViewModel lesson = view.model().selectedProperty().get();
        assertThat(lesson.id()).isEqualTo(LessonId.SHARED_MEMORY);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !lesson.isRunning());
        assertThat(((SharedMemoryLessonViewModel) lesson).valueProperty().get()).isEqualTo(3.14);
        robot.interact(() -> view.getScene().getWindow().hide());
    }
}
