package io.garrison.ui.main;

import static org.assertj.core.api.Assertions.assertThat;

import io.garrison.ui.i18n.I18n;
import io.garrison.ui.tasks.TaskRow;
import io.garrison.ui.tasks.TaskStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a drop or a paste carries becomes the task list; no pool is needed for that. */
class ListDropHandlerTest {

    @TempDir
    Path dir;

    private MainViewModel model;
    private ListDropHandler drops;

    @BeforeEach
    void setUp() {
        I18n.setLocale(Locale.ENGLISH);
        model = new MainViewModel(Runnable::run, Runnable::run, System::currentTimeMillis);
        drops = new ListDropHandler(model);
    }

    @Test
    void aDroppedFileIsReadAndWinsOverTheTextThatCameWithIt() throws Exception {
        Path list = dir.resolve("numbers.txt");
        Files.writeString(list, "7\n8\n");

        assertThat(drops.accept(List.of(list.toFile()), null, "ignored")).isTrue();

        assertThat(model.listNameProperty().get()).isEqualTo("numbers.txt");
        assertThat(model.board().rows()).extracting(TaskRow::getInput).containsExactly("7", "8");
    }

    @Test
    void textFromABrowserBecomesOneTaskALineWithBadLinesKept() {
        model.kindProperty().set("download");

        assertThat(drops.accept(List.of(), "https://example.com/a", "https://example.com/a\nftp://x\n")).isTrue();

        assertThat(model.board().rows()).extracting(TaskRow::getStatus)
                .containsExactly(TaskStatus.WAITING, TaskStatus.INVALID);
        assertThat(model.board().rows().get(1).getError()).startsWith("line 2:");
    }

    @Test
    void aUrlAloneIsAOneLineListAndNothingUsableIsRefused() {
        model.kindProperty().set("download");

        assertThat(drops.accept(List.of(), "https://example.com/", null)).isTrue();
        assertThat(model.board().getTotal()).isEqualTo(1);
        assertThat(drops.accept(List.of(), null, "  ")).isFalse();
    }
}
