package io.garrison.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The settings as a properties file in the configuration folder, written at each change, merged with others. */
class SettingsFileTest {

    @TempDir
    Path config;

    @Test
    void aSettingIsInTheFileAtOnceAndReadByTheNextStart() throws Exception {
        Path file = config.resolve("garrison").resolve("settings.properties");
        SettingsFile settings = new SettingsFile(file);

        settings.put("locale", "zh-CN");
        settings.putDouble("window.width", 1200.5);
        settings.putBoolean("presentation", true);

        assertThat(Files.readAllLines(file)).contains("locale=zh-CN", "presentation=true", "window.width=1200.5");
        SettingsFile nextStart = new SettingsFile(file);
        assertThat(nextStart.get("locale", null)).isEqualTo("zh-CN");
        assertThat(nextStart.getDouble("window.width", 0)).isEqualTo(1200.5);
        assertThat(nextStart.getBoolean("presentation", false)).isTrue();
    }

    @Test
    void theFileIsSortedTextThatKeepsChineseAndLineBreaksReadable() throws Exception {
        Path file = config.resolve("settings.properties");
        SettingsFile settings = new SettingsFile(file);

        settings.put("zz", "last");
        settings.put("folder.output", "/home/学生/输出");
        settings.put("note", "two\nlines");

        assertThat(Files.readAllLines(file))
                .startsWith("# Garrison's desktop settings; written by the app, read at its start")
                .containsSubsequence("folder.output=/home/学生/输出", "note=two\\nlines", "zz=last");
        assertThat(new SettingsFile(file).get("note", null)).isEqualTo("two\nlines");
        try (var files = Files.list(config)) {
            assertThat(files).as("no temporary file is left beside it").containsExactly(file);
        }
    }

    @Test
    void twoWindowsThatChangeDifferentSettingsKeepBothChanges() {
        Path file = config.resolve("settings.properties");
        SettingsFile first = new SettingsFile(file);
        SettingsFile second = new SettingsFile(file);

        first.put("window.width", "900");
        second.put("locale", "en");
        first.remove("nothing-there");

        SettingsFile later = new SettingsFile(file);
        assertThat(later.get("window.width", null)).isEqualTo("900");
        assertThat(later.get("locale", null)).isEqualTo("en");
    }

    @Test
    void aRemovedSettingIsGoneFromTheFile() throws Exception {
        Path file = config.resolve("settings.properties");
        Preferences settings = new SettingsFile(file);
        settings.put("recent.0", "/tmp/a.txt");

        settings.remove("recent.0");

        assertThat(new SettingsFile(file).get("recent.0", null)).isNull();
        assertThat(settings.keys()).isEmpty();
    }

    @Test
    void aFileThatCannotBeReadMeansTheDefaults() throws Exception {
        Path file = config.resolve("settings.properties");
        Files.writeString(file, "bad=\\u12");

        assertThat(new SettingsFile(file).get("bad", "default")).isEqualTo("default");
    }
}
