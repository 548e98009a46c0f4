package io.garrison.ui.main;

import static io.garrison.ui.main.MainWindowUnderTest.fx;
import static io.garrison.ui.main.MainWindowUnderTest.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import io.garrison.ui.i18n.I18n;
import io.garrison.ui.parade.Soldier;
import io.garrison.ui.theme.Theme;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.prefs.Preferences;
import javafx.scene.AccessibleRole;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The window as a desktop app is expected to behave, headless (Monocle), on real worker processes: soldiers reached
 * and worked with the keyboard alone, the dark theme from the View menu, the drop highlight, File → Open recent.
 */
@ExtendWith(ApplicationExtension.class)
class DesktopCitizenWindowTest {

    @TempDir
    Path dir;

    private MainWindowUnderTest window;
    private MainViewModel model;
    private MainView view;
    private Preferences settings;

    @Start
    void start(Stage stage) throws Exception {
        settings = Preferences.userRoot().node("io/garrison/ui-test/desktop-citizen");
        settings.clear();
        window = new MainWindowUnderTest(stage, new AppPreferences(settings), 1024, 700);
        model = window.model;
        view = window.view;
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        window.close();
        settings.removeNode();
    }

    @Test
    void tabReachesTheParadeArrowsMoveEnterShowsDetailsAndDeleteKillsAfterAsking(FxRobot robot) throws Exception {
        fx(() -> {
            model.loadTutorial();
            model.preparePool();
            return null;
        });
        waitFor(() -> standing().size() == 5);
        fx(() -> {
            view.lookup("#poolSize").requestFocus();
            return null;
        });

        // Tab from the toolbar into the parade: one soldier is a Tab stop, whatever the number of soldiers.
        for (int i = 0; i < 40 && !soldierFocused(); i++) {
            robot.type(KeyCode.TAB);
        }
        assertThat(soldierFocused()).as("a soldier took the focus from the Tab key").isTrue();
        assertThat(fx(() -> view.parade().lookupAll(".soldier").stream().filter(Node::isFocusTraversable).count()))
                .isEqualTo(1);
        Node first = fx(() -> view.getScene().getFocusOwner());
        String firstPid = fx(() -> first.getAccessibleText());
        assertThat(firstPid).startsWith("Worker ").contains("idle");
        assertThat(fx(() -> first.getAccessibleRole())).isEqualTo(AccessibleRole.BUTTON);

        robot.type(KeyCode.RIGHT);
        Node second = fx(() -> view.getScene().getFocusOwner());
        assertThat(fx(() -> second.getStyleClass())).contains("soldier");
        assertThat(second).isNotSameAs(first);
        assertThat(fx(() -> second.getLayoutX())).isGreaterThan(fx(() -> first.getLayoutX()));

        robot.type(KeyCode.ENTER);
        waitFor(() -> otherWindow("Worker ") != null);
        fx(() -> {
            otherWindow("Worker ").hide();
            return null;
        });

        fx(() -> {
            second.requestFocus();
            return null;
        });
        String pid = pidOf(fx(() -> second.getAccessibleText()));
        robot.type(KeyCode.DELETE);
        waitFor(() -> robot.lookup("#confirmKill").tryQuery().isPresent());
        DialogPane confirm = robot.lookup("#confirmKill").queryAs(DialogPane.class);
        assertThat(fx(() -> ((Button) confirm.lookupButton(ButtonType.CANCEL)).isDefaultButton()))
                .as("Enter pressed once too often kills nothing").isTrue();
        assertThat(fx(() -> confirm.getContentText())).contains(pid);
        robot.clickOn((Node) fx(() -> confirm.lookupButton(ButtonType.OK)));

        waitFor(() -> model.parade().soldiers().stream()
                .anyMatch(s -> s.getName().equals(pid) && s.getState().isGone()));
        waitFor(() -> standing().size() == 5);
    }

    @Test
    void theDarkThemeFromTheViewMenuDarkensTheParadeAndIsRemembered(FxRobot robot) throws Exception {
        Region field = robot.lookup(".parade-field").queryAs(Region.class);
        assertThat(brightness(field)).as("light ground").isGreaterThan(0.7);

        robot.clickOn("View").moveBy(0, 30).clickOn("Theme").clickOn("Dark");

        waitFor(() -> brightness(field) < 0.3);
        // The window's own colours too, given in garrison.css, which the app adds after the view is in the scene.
        Label pace = robot.lookup("#paceValue").queryAs(Label.class);
        assertThat(fx(() -> ((Color) pace.getTextFill()).getBrightness())).as("quiet text on a dark ground")
                .isGreaterThan(0.6);
        assertThat(fx(() -> view.themeProperty().get())).isEqualTo(Theme.DARK);
        assertThat(settings.get("theme", null)).isEqualTo("dark");
        fx(() -> {
            view.themeProperty().set(Theme.LIGHT);
            return null;
        });
        waitFor(() -> brightness(field) > 0.7);
    }

    @Test
    void aListDraggedOverTheWindowIsAnsweredWithAHighlightThatGoesWhenItLeaves() throws Exception {
        DropHighlight highlight = view.dropHighlight();
        assertThat(fx(highlight::isVisible)).isFalse();

        fx(() -> {
            highlight.dragEntered(true);
            return null;
        });
        assertThat(fx(highlight::isVisible)).isTrue();
        assertThat(fx(() -> ((Label) highlight.getChildren().get(0)).getText())).contains("Drop files, links or text");
        assertThat(fx(() -> highlight.isMouseTransparent())).as("the drop itself reaches the window").isTrue();

        fx(() -> {
            highlight.dragEnded();
            highlight.dragEntered(false);
            return null;
        });
        assertThat(fx(highlight::isVisible)).as("a drag of nothing a list can come from").isFalse();
    }

    @Test
    void aListOpenedIsInOpenRecentAndOpensAgainFromThere(FxRobot robot) throws Exception {
        Path list = Files.writeString(dir.resolve("numbers.tasks"), "4\n5\n6\n");
        fx(() -> {
            model.loadFile(list);
            return null;
        });
        waitFor(() -> model.board().getTotal() == 3);
        fx(() -> {
            model.loadTutorial();
            return null;
        });
        waitFor(() -> model.board().getTotal() == 10);

        robot.clickOn("File").moveBy(0, 50).clickOn("Open recent").clickOn(item -> item instanceof Label label
                && label.getText() != null && label.getText().startsWith("numbers.tasks"));

        waitFor(() -> model.board().getTotal() == 3 && model.listNameProperty().get().equals("numbers.tasks"));
        assertThat(new AppPreferences(settings).recentLists().all()).containsExactly(list.toAbsolutePath());
    }

    @Test
    void theOutputFolderIsShownWithACaptionAndAChangeButton(FxRobot robot) throws Exception {
        fx(() -> {
            model.outputDirProperty().set(Path.of(System.getProperty("user.home"), "Documents", "Garrison"));
            return null;
        });

        assertThat(fx(() -> robot.lookup("#outputFolder").queryAs(Label.class).getText()))
                .isEqualTo("~/Documents/Garrison");
        assertThat(fx(() -> robot.lookup("#outputChange").queryAs(Button.class).getText())).isEqualTo("Change...");
    }

    @Test
    void aCsvExportOfAChineseWindowStartsWithTheByteOrderMarkAndAnEnglishOneDoesNot() throws Exception {
        fx(() -> {
            model.loadTutorial();
            return null;
        });
        waitFor(() -> model.board().getTotal() == 10);
        Path chinese = dir.resolve("zh.csv");
        Path english = dir.resolve("en.csv");

        fx(() -> {
            I18n.setLocale(Locale.SIMPLIFIED_CHINESE);
            view.exportTo("csv", chinese);
            I18n.setLocale(Locale.ENGLISH);
            view.exportTo("csv", english);
            return null;
        });

        assertThat(Files.readAllBytes(chinese)).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
        assertThat(Files.readString(english)).startsWith("task,");
    }

    private boolean soldierFocused() throws Exception {
        return fx(() -> view.getScene().getFocusOwner() != null
                && view.getScene().getFocusOwner().getStyleClass().contains("soldier"));
    }

    private List<Soldier> standing() throws Exception {
        return fx(() -> model.parade().soldiers().stream().filter(s -> !s.getState().isGone()).toList());
    }

    private static Window otherWindow(String titleStart) {
        return Window.getWindows().stream().filter(w -> w instanceof Stage stage && stage.getTitle() != null
                && stage.getTitle().startsWith(titleStart)).findFirst().orElse(null);
    }

    /** "Worker 4242, idle" → "4242". */
    private static String pidOf(String accessibleText) {
        return accessibleText.substring("Worker ".length(), accessibleText.indexOf(','));
    }

    private static double brightness(Region region) throws Exception {
        return fx(() -> region.getBackground() == null ? 1.0
                : ((Color) region.getBackground().getFills().get(0).getFill()).getBrightness());
    }
}
