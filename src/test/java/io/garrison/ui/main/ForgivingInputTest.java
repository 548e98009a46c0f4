package io.garrison.ui.main;

import static io.garrison.ui.main.MainWindowUnderTest.fx;
import static io.garrison.ui.main.MainWindowUnderTest.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import io.garrison.ui.i18n.I18n;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.controlsfx.control.StatusBar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The main window forgives what users do with the keyboard: Ctrl+V loads a list wherever no text is being edited,
 * the number fields take only numbers they can hold and say so, a list none of whose lines fit the chosen kind
 * cannot start. Headless (Monocle), keys and clicks through the robot; no pool is started.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(120)
class ForgivingInputTest {

    private static final String URLS = "https://example.com/a.html\nhttps://example.com/b.html\nhttp://example.org/\n";

    private final List<Throwable> uncaught = new CopyOnWriteArrayList<>();
    private Thread.UncaughtExceptionHandler fxHandlerBefore;
    private MainWindowUnderTest window;
    private MainViewModel model;
    private MainView view;

    @Start
    void start(Stage stage) {
        // An exception thrown by a key or focus handler lands here, not in the test: keep it to fail the test.
        fxHandlerBefore = Thread.currentThread().getUncaughtExceptionHandler();
        Thread.currentThread().setUncaughtExceptionHandler((thread, e) -> uncaught.add(e));
        window = new MainWindowUnderTest(stage, MainWindowUnderTest.preferences("io/garrison/ui-test"), 1200, 740);
        model = window.model;
        view = window.view;
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        fx(() -> {
            Thread.currentThread().setUncaughtExceptionHandler(fxHandlerBefore);
            return null;
        });
        window.close();
    }

    @Test
    void ctrlVWithTheWorkersFieldFocusedLoadsTheClipboardAsAList(FxRobot robot) throws Exception {
        // given: a URL list on the clipboard, the caret in the Workers field (where it is at start)
        fx(() -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(URLS);
            return Clipboard.getSystemClipboard().setContent(content);
        });
        TextField workers = editor(robot, "#poolSize");
        robot.clickOn(workers);
        assertThat(fx(() -> workers.isFocused())).isTrue();

        // when
        robot.press(KeyCode.CONTROL).press(KeyCode.V).release(KeyCode.V).release(KeyCode.CONTROL);

        // then: the list is loaded (for download, which its lines are), the field still holds its number
        waitFor(() -> model.getPhase() == MainViewModel.Phase.READY && model.board().getTotal() == 3);
        assertThat(fx(() -> model.listNameProperty().get())).isEqualTo(I18n.get("ui.list.dropped"));
        assertThat(fx(() -> model.kindProperty().get())).isEqualTo("download");
        assertThat(fx(() -> workers.getText())).isEqualTo("5");
        assertThat(fx(() -> robot.lookup("#start").queryButton().isDisabled())).isFalse();
        assertThat(uncaught).isEmpty();
    }

    @Test
    void ctrlVInTheCommandTemplatePastesTextThere(FxRobot robot) throws Exception {
        fx(() -> {
            model.kindProperty().set("command");
            ClipboardContent content = new ClipboardContent();
            content.putString(" -n");
            return Clipboard.getSystemClipboard().setContent(content);
        });
        TextField template = robot.lookup("#template").queryAs(TextField.class);
        robot.clickOn(template);
        fx(() -> {
            template.end();
            return null;
        });

        robot.press(KeyCode.CONTROL).press(KeyCode.V).release(KeyCode.V).release(KeyCode.CONTROL);

        assertThat(fx(() -> template.getText())).isEqualTo("echo {} -n");
        assertThat(fx(() -> model.getPhase())).isEqualTo(MainViewModel.Phase.EMPTY);
    }

    @Test
    void aUrlListLoadedWhileTheUserChoseSquareIsRefusedWithTheReasonAndStartStaysDisabled(FxRobot robot)
            throws Exception {
        // given: a pasted URL list, which the kind followed to download
        fx(() -> {
            view.drops().accept(List.of(), null, URLS);
            return null;
        });
        waitFor(() -> model.getPhase() == MainViewModel.Phase.READY && "download".equals(model.kindProperty().get()));

        // when: the user chooses square in the toolbar
        robot.clickOn("#kind");
        robot.clickOn(robot.lookup(".list-cell").match(node -> node instanceof javafx.scene.control.ListCell<?> cell
                && "square".equals(cell.getText())).queryAs(javafx.scene.control.ListCell.class));

        // then: the list is refused, saying which line and why, and Start stays disabled
        waitFor(() -> model.getPhase() == MainViewModel.Phase.EMPTY);
        assertThat(fx(() -> model.kindProperty().get())).isEqualTo("square");
        assertThat(fx(() -> robot.lookup("#start").queryButton().isDisabled())).isTrue();
        String status = fx(() -> robot.lookup(".garrison-status").queryAs(StatusBar.class).getText());
        assertThat(status).contains("line 1: not an integer", "https://example.com/a.html");
        assertThat(fx(() -> view.parade().messageProperty().get())).isEqualTo(status);
        fx(() -> {
            model.start();
            return null;
        });
        assertThat(fx(() -> model.getPhase())).isEqualTo(MainViewModel.Phase.EMPTY);
        assertThat(model.pool()).isNull();
    }

    @Test
    void theWorkersFieldRefusesLettersAndClampsTooManyWorkersSayingSoWithoutAnException(FxRobot robot)
            throws Exception {
        TextField workers = editor(robot, "#poolSize");
        Spinner<?> spinner = robot.lookup("#poolSize").queryAs(Spinner.class);

        // when: letters are typed, and the field is left
        robot.clickOn(workers);
        selectAll(workers);
        robot.write("abc");
        robot.clickOn(editor(robot, "#chunk"));

        // then: refused, with a word, and nothing thrown
        assertThat(fx(() -> workers.getText())).isEqualTo("5");
        assertThat(fx(() -> spinner.getValue())).isEqualTo(5);
        assertThat(fx(() -> note(robot).text())).isEqualTo("Workers takes whole numbers from 1 to 64");
        assertThat(uncaught).isEmpty();

        // when: more workers than a pool may have, then Enter
        robot.clickOn(workers);
        selectAll(workers);
        robot.write("500");
        robot.push(KeyCode.ENTER);

        // then: the most there may be, said under the field
        waitFor(() -> Integer.valueOf(64).equals(spinner.getValue()));
        assertThat(fx(() -> workers.getText())).isEqualTo("64");
        assertThat(model.poolSizeProperty().get()).isEqualTo(64);
        assertThat(fx(() -> note(robot).text())).isEqualTo("Workers goes from 1 to 64: 500 became 64");
        assertThat(fx(() -> note(robot).isShowing())).isTrue();
        assertThat(present(robot, "Workers goes from 1 to 64: 500 became 64")).isTrue();

        // when: too many again, on a field already at the most: the field shows the number it holds
        selectAll(workers);
        robot.write("999");
        robot.push(KeyCode.ENTER);
        assertThat(fx(() -> workers.getText())).isEqualTo("64");

        // when: a chunk too big
        TextField chunk = editor(robot, "#chunk");
        robot.clickOn(chunk);
        selectAll(chunk);
        robot.write("250000");
        robot.push(KeyCode.ENTER);

        // then
        assertThat(fx(() -> model.chunkSizeProperty().get())).isEqualTo(100_000);
        assertThat(fx(() -> note(robot).text())).isEqualTo("Chunk goes from 0 to 100,000: 250,000 became 100,000");
        assertThat(fx(() -> model.log().lines().stream().anyMatch(line -> line.contains("500 became 64")))).isTrue();
        assertThat(uncaught).isEmpty();
    }

    private static FieldNote note(FxRobot robot) {
        return robot.lookup(".garrison-toolbar").queryAs(ToolbarView.class).inputNote;
    }

    private static TextField editor(FxRobot robot, String spinnerId) throws Exception {
        return fx(() -> robot.lookup(spinnerId).queryAs(Spinner.class).getEditor());
    }

    private static void selectAll(TextField field) throws Exception {
        fx(() -> {
            field.selectAll();
            return null;
        });
    }

    private static boolean present(FxRobot robot, String query) throws Exception {
        return fx(() -> robot.lookup(query).tryQuery().isPresent());
    }

}
