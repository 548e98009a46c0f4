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
    void textBecomesOneTaskALineWithBadLinesKept() {
        model.kindProperty().set("download");

        assertThat(drops.accept(List.of(), null, "https://example.com/a\nftp://x\n")).isTrue();

        assertThat(model.board().rows()).extracting(TaskRow::getStatus)
                .containsExactly(TaskStatus.WAITING, TaskStatus.INVALID);
        assertThat(model.board().rows().get(1).getError()).startsWith("line 2:");
    }

    @Test
    void aBrowsersUriListWinsOverItsTextWhichHoldsTheLinksLabels() {
        model.kindProperty().set("download");
        String uriList = "# dragged from a page\r\nhttps://example.com/a.pdf\r\nhttps://example.com/b.pdf\r\n";

        assertThat(drops.accept(new DroppedContent(List.of(), uriList, null, "Report A\nReport B"))).isTrue();

        assertThat(model.board().rows()).extracting(TaskRow::getInput)
                .containsExactly("https://example.com/a.pdf", "https://example.com/b.pdf");
    }

    @Test
    void anHtmlSelectionGivesTheUrlsOfItsLinksNotTheirLabels() {
        model.kindProperty().set("download");
        String html = "<html><body><p>Papers: <a href=\"https://example.com/one.pdf\">the first</a>,"
                + " <a href='https://example.com/two.pdf'>the second</a>, <a href=\"#top\">top</a>,"
                + " <a href=\"javascript:void(0)\">menu</a>, <a href=\"mailto:x@example.com\">mail</a>,"
                + " again <a href=\"https://example.com/one.pdf\">the first</a></p></body></html>";

        assertThat(drops.accept(new DroppedContent(List.of(), null, html, "Papers: the first, the second"))).isTrue();

        assertThat(model.board().rows()).extracting(TaskRow::getInput)
                .containsExactly("https://example.com/one.pdf", "https://example.com/two.pdf");
    }

    @Test
    void relativeLinksAreResolvedAgainstTheSelectionsBase() {
        assertThat(DroppedLinks.ofHtml("<base href=\"https://example.com/papers/\"><a href=\"a.pdf\">A</a>"
                + "<a href=\"../b.pdf\">B</a>")).containsExactly("https://example.com/papers/a.pdf",
                "https://example.com/b.pdf");
    }

    @Test
    void htmlWithoutLinksGivesWayToItsText() {
        assertThat(drops.accept(new DroppedContent(List.of(), null, "<b>7</b><br>8", "7\n8"))).isTrue();

        assertThat(model.board().rows()).extracting(TaskRow::getInput).containsExactly("7", "8");
    }

    @Test
    void severalListFilesAreReadOneAfterAnotherAndTheBannerSaysSo() throws Exception {
        Path first = dir.resolve("first.txt");
        Path second = dir.resolve("second.txt");
        Files.writeString(first, "1\n2");   // no line break at its end: 2 must not run into the next file's 3
        Files.writeString(second, "3\n4\n");

        assertThat(drops.accept(List.of(first.toFile(), second.toFile()), null, null)).isTrue();

        assertThat(model.board().rows()).extracting(TaskRow::getInput).containsExactly("1", "2", "3", "4");
        assertThat(model.listNameProperty().get()).isEqualTo("first.txt and 1 more");
        assertThat(model.listNoteProperty().get()).isEqualTo("2 lists joined into one");
    }

    @Test
    void severalFilesForACommandAreOneInputEach() throws Exception {
        model.kindProperty().set("command");
        model.commandTemplateProperty().set("wc -l {}");
        Path first = Files.writeString(dir.resolve("a.jpg"), "not a list");
        Path second = Files.writeString(dir.resolve("b.jpg"), "nor this");
        Path third = Files.writeString(dir.resolve("c d.jpg"), "with a space");

        assertThat(drops.accept(List.of(first.toFile(), second.toFile(), third.toFile()), null, null)).isTrue();

        assertThat(model.board().rows()).extracting(TaskRow::getInput)
                .containsExactly(first.toString(), second.toString(), third.toString());
        assertThat(model.listNoteProperty().get()).isEqualTo("3 files, one input each for the command");
    }

    @Test
    void oneFileIsAListAsBeforeWithNoNote() throws Exception {
        model.kindProperty().set("command");
        Path list = Files.writeString(dir.resolve("commands.txt"), "a\nb\n");

        assertThat(drops.accept(List.of(list.toFile()), null, null)).isTrue();

        assertThat(model.board().rows()).extracting(TaskRow::getInput).containsExactly("a", "b");
        assertThat(model.listNoteProperty().get()).isEmpty();
    }

    @Test
    void everyListReadFromFilesIsToldForOpenRecent() throws Exception {
        List<List<Path>> told = new java.util.ArrayList<>();
        model.setOnListFilesLoaded(told::add);
        Path first = Files.writeString(dir.resolve("x.txt"), "1\n");
        Path second = Files.writeString(dir.resolve("y.txt"), "2\n");

        drops.accept(List.of(first.toFile()), null, null);
        drops.accept(List.of(first.toFile(), second.toFile()), null, null);
        drops.accept(List.of(), null, "3");

        assertThat(told).containsExactly(List.of(first), List.of(first, second));
    }

    @Test
    void aUrlAloneIsAOneLineListAndNothingUsableIsRefused() {
        model.kindProperty().set("download");

        assertThat(drops.accept(List.of(), "https://example.com/", null)).isTrue();
        assertThat(model.board().getTotal()).isEqualTo(1);
        assertThat(drops.accept(List.of(), null, "  ")).isFalse();
    }
}
