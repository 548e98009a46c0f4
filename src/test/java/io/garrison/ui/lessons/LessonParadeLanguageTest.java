package io.garrison.ui.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import io.garrison.engine.PoolEvent;
import io.garrison.ui.i18n.I18n;
import io.garrison.ui.parade.ParadeGround;
import io.garrison.ui.parade.Soldier;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Node;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * The parade inside the Lessons window speaks the Lessons window's language, which its own switch may have made
 * different from the main window's.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LessonParadeLanguageTest {

    private static final long PID = 4242;

    private Locale appBefore;
    private final AtomicReference<Stage> stage = new AtomicReference<>();

    @BeforeEach
    void englishApp(FxRobot robot) {
        robot.interact(() -> {
            appBefore = I18n.getLocale();
            I18n.setLocale(Locale.ENGLISH);
        });
    }

    @AfterEach
    void restore(FxRobot robot) {
        robot.interact(() -> {
            for (Window window : List.copyOf(Window.getWindows())) {
                if (window != stage.get() && window.getScene() != null
                        && window.getScene().getRoot() instanceof DialogPane) {
                    window.hide();
                }
            }
            if (stage.get() != null) {
                stage.get().close();
            }
            I18n.setLocale(appBefore);
        });
    }

    @Test
    void givenAnEnglishAppWhenTheLessonsSwitchToChineseThenTheirParadeSpeaksChinese(FxRobot robot) {
        // given: the Lessons window in the app's English, with one soldier standing in the lesson's parade
        LessonsView view = openWithOneSoldier(robot, Locale.ENGLISH);
        assertThat(hint(robot)).isEqualTo("Right-click a soldier to kill its process or see its details");

        // when: the window's own switch goes to Chinese
        robot.interact(() -> view.model().localeProperty().set(Locale.SIMPLIFIED_CHINESE));

        // then: the parade's titles and the soldier's words are Chinese, and the app stays English
        assertThat(hint(robot)).isEqualTo("右键点击士兵可杀死它的进程或查看详情");
        assertThat(robot.from(parade(robot)).lookup(".column-title").queryAll())
                .map(node -> ((Label) node).getText()).contains("✔ 完成：0");
        assertThat(((Label) robot.from(parade(robot)).lookup(".soldier-state").query()).getText()).isEqualTo("待命");
        assertThat(I18n.getLocale()).isEqualTo(Locale.ENGLISH);
    }

    @Test
    void givenChineseLessonsWhenASoldiersDetailsAreOpenedThenTheDialogSpeaksChinese(FxRobot robot) {
        // given
        openWithOneSoldier(robot, Locale.SIMPLIFIED_CHINESE);
        ParadeGround ground = parade(robot);
        Soldier soldier = ground.getSoldiers().get(0);

        // when: Details, as the soldier's context menu does it
        robot.interact(() -> ground.getOnDetails().accept(soldier));

        // then
        DialogPane details = robot.lookup(".worker-details").queryAs(DialogPane.class);
        assertThat(details.getHeaderText()).isEqualTo("工作进程 " + PID);
        assertThat(details.getContentText()).contains("待命");
    }

    /** The Lessons window in {@code language}, a soldier standing in its first lesson's parade as a worker started. */
    private LessonsView openWithOneSoldier(FxRobot robot, Locale language) {
        robot.interact(() -> stage.set(LessonsWindow.show(null, language)));
        LessonsView view = robot.lookup(".lessons-view").queryAs(LessonsView.class);
        robot.interact(() -> view.model().selectedProperty().get().parade()
                .apply(List.of(new PoolEvent.WorkerStarted(System.currentTimeMillis(), PID, 40)),
                        System.currentTimeMillis()));
        return view;
    }

    private static ParadeGround parade(FxRobot robot) {
        return robot.lookup(".lesson-parade").queryAs(ParadeGround.class);
    }

    private static String hint(FxRobot robot) {
        Node hint = robot.from(parade(robot)).lookup(".parade-hint").query();
        return ((Label) hint).getText();
    }
}
