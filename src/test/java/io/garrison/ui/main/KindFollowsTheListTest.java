package io.garrison.ui.main;

import static org.assertj.core.api.Assertions.assertThat;

import io.garrison.ui.i18n.I18n;
import io.garrison.ui.tasks.TaskRow;
import io.garrison.ui.tasks.TaskStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which task kind a list is read for: the list's own until the user chooses one; a list none of whose lines fit
 * the chosen kind is refused with its first line's reason. Executors run at once; no pool is started.
 */
class KindFollowsTheListTest {

    private static final String URLS = "https://example.com/a.html\nhttps://example.com/b.html\nhttp://example.org/\n";

    @TempDir
    Path dir;

    private MainViewModel model;

    @BeforeEach
    void setUp() {
        I18n.setLocale(Locale.ENGLISH);
        model = new MainViewModel(Runnable::run, Runnable::run, System::currentTimeMillis);
    }

    @Test
    void aUrlListLoadedWhileTheKindIsSquareSwitchesTheKindToDownloadWhenTheUserChoseNone() {
        assertThat(model.kindProperty().get()).isEqualTo("square");

        model.loadText("pasted", URLS);

        assertThat(model.kindProperty().get()).isEqualTo("download");
        assertThat(model.getPhase()).isEqualTo(MainViewModel.Phase.READY);
        assertThat(model.board().invalidProperty().get()).isZero();
        assertThat(model.board().rows()).extracting(TaskRow::getStatus).containsOnly(TaskStatus.WAITING);
        assertThat(model.problemProperty().get()).isEmpty();
        assertThat(model.log().lines()).anyMatch(line -> line.contains("the kind is now download"));
    }

    @Test
    void aUrlListLoadedWhileTheUserChoseSquareIsRefusedWithItsFirstLinesReasonAndCannotStart() {
        // given: the user picked download, then square
        model.kindProperty().set("download");
        model.kindProperty().set("square");

        // when
        model.loadText("pasted", URLS);

        // then: the kind stays the user's, the lines are shown with their reasons, nothing can start
        assertThat(model.kindProperty().get()).isEqualTo("square");
        assertThat(model.getPhase()).isEqualTo(MainViewModel.Phase.EMPTY);
        assertThat(model.taskList()).isNull();
        assertThat(model.board().getTotal()).isEqualTo(3);
        assertThat(model.board().invalidProperty().get()).isEqualTo(3);
        assertThat(model.problemProperty().get()).contains("pasted", "square", "line 1: not an integer",
                "https://example.com/a.html");
        model.start();
        assertThat(model.getPhase()).isEqualTo(MainViewModel.Phase.EMPTY);
        assertThat(model.pool()).isNull();

        // when: the user chooses the kind the lines are written for
        model.kindProperty().set("download");

        // then
        assertThat(model.getPhase()).isEqualTo(MainViewModel.Phase.READY);
        assertThat(model.taskList()).isNotNull();
        assertThat(model.problemProperty().get()).isEmpty();
    }

    @Test
    void aUrlListTheKindFollowedIsRefusedOnceTheUserChoosesSquare() {
        model.loadText("pasted", URLS);
        assertThat(model.kindProperty().get()).isEqualTo("download");

        model.kindProperty().set("square");

        assertThat(model.getPhase()).isEqualTo(MainViewModel.Phase.EMPTY);
        assertThat(model.taskList()).isNull();
        assertThat(model.problemProperty().get()).contains("line 1: not an integer");
    }

    @Test
    void numbersLoadedAfterAUrlListTurnTheKindBackToSquare() throws Exception {
        model.loadText("pasted", URLS);
        Path numbers = dir.resolve("numbers.txt");
        Files.writeString(numbers, "1\n2\n3\n");

        model.loadFile(numbers);

        assertThat(model.kindProperty().get()).isEqualTo("square");
        assertThat(model.getPhase()).isEqualTo(MainViewModel.Phase.READY);
        assertThat(model.board().invalidProperty().get()).isZero();
    }

    @Test
    void aListTakesTheKindMostOfItsLinesFitAndKeepsTheRestAsInvalid() {
        model.loadText("mostly urls", URLS + "see above\n");

        assertThat(model.kindProperty().get()).isEqualTo("download");
        assertThat(model.getPhase()).isEqualTo(MainViewModel.Phase.READY);
        assertThat(model.board().rows()).extracting(TaskRow::getStatus).containsExactly(TaskStatus.WAITING,
                TaskStatus.WAITING, TaskStatus.WAITING, TaskStatus.INVALID);
    }

    @Test
    void numbersWithAStrayLineStaySquareAndAKindTheUserChoseForNumbersStays() {
        model.loadText("squares", "1\n2\noops\n");
        assertThat(model.kindProperty().get()).isEqualTo("square");
        assertThat(model.board().invalidProperty().get()).isEqualTo(1);

        model.kindProperty().set("sleep");
        model.loadText("sleeps", "10\n20\n");

        assertThat(model.kindProperty().get()).isEqualTo("sleep");
        assertThat(model.getPhase()).isEqualTo(MainViewModel.Phase.READY);
    }

    @Test
    void theTutorialSetsItsKindWithoutChoosingItForTheUser() {
        model.kindProperty().set("download");

        model.loadTutorial();
        assertThat(model.kindProperty().get()).isEqualTo("square");
        model.loadText("pasted", URLS);

        assertThat(model.kindProperty().get()).isEqualTo("download");
        assertThat(model.getPhase()).isEqualTo(MainViewModel.Phase.READY);
    }
}
