package io.garrison.ui.main;

import static org.assertj.core.api.Assertions.assertThat;

import io.garrison.ui.i18n.I18n;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File → Export results as CSV, as a spreadsheet reads the file: UTF-8 it can tell, and no formula of a task's. */
class CsvExportTest {

    @TempDir
    Path dir;

    private MainViewModel model;

    @BeforeEach
    void aListWithFormulasAndChinese() {
        I18n.setLocale(Locale.ENGLISH);
        model = new MainViewModel(Runnable::run, Runnable::run, System::currentTimeMillis);
        model.kindProperty().set("square");
        // Lines that are no numbers are still exported, each with its reason: their inputs are the user's text.
        model.loadText("formulas", "=1+1\n5\n-3\n@SUM(A1)\n中文\n");
    }

    @Test
    void withTheMarkTheFileStartsWithUtf8sByteOrderMarkAndFormulasAreText() throws Exception {
        Path csv = dir.resolve("results.csv");

        model.exportCsv(csv, true);

        byte[] bytes = Files.readAllBytes(csv);
        assertThat(bytes).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
        List<String> lines = List.of(new String(bytes, StandardCharsets.UTF_8).substring(1).split("\r\n"));
        assertThat(lines.get(0)).startsWith("task,line,input,status");
        assertThat(lines).hasSize(6);
        assertThat(lines.get(1)).contains(",\"'=1+1\",invalid,");
        assertThat(lines.get(3)).contains(",-3,waiting,");
        assertThat(lines.get(4)).contains(",\"'@SUM(A1)\",invalid,");
        assertThat(lines.get(5)).contains(",中文,invalid,");
    }

    @Test
    void withoutTheMarkTheFileStartsWithTheHeader() throws Exception {
        Path csv = dir.resolve("results.csv");

        model.exportCsv(csv);

        assertThat(Files.readString(csv)).startsWith("task,line,input");
    }

    @Test
    void theMarkIsOnByDefaultInChineseOnlyAndTheUsersChoiceIsKept() throws Exception {
        Preferences node = Preferences.userRoot().node("io/garrison/ui-test/csv-export");
        node.clear();
        AppPreferences preferences = new AppPreferences(node);

        assertThat(preferences.csvByteOrderMark(Locale.SIMPLIFIED_CHINESE)).isTrue();
        assertThat(preferences.csvByteOrderMark(Locale.ENGLISH)).isFalse();
        preferences.saveCsvByteOrderMark(true);
        assertThat(preferences.csvByteOrderMark(Locale.ENGLISH)).isTrue();
        node.removeNode();
    }
}
