package io.garrison.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The settings of earlier versions, in Java's preferences, move into the settings file once. */
class LegacyPreferencesTest {

    @TempDir
    Path config;

    private Preferences old;

    @BeforeEach
    void oldSettings() throws Exception {
        old = Preferences.userRoot().node("io/garrison/ui-test/legacy-preferences");
        old.clear();
        old.put("locale", "zh-CN");
        old.putDouble("window.width", 1111);
        old.put("folder.output", "/srv/out");
        old.putBoolean("presentation", true);
    }

    @AfterEach
    void forget() throws Exception {
        old.removeNode();
    }

    @Test
    void theFirstStartCopiesEveryOldValueAndLaterStartsCopyNothing() {
        SettingsFile settings = new SettingsFile(config.resolve("settings.properties"));

        assertThat(LegacyPreferences.moveOnce(old, settings)).isTrue();

        SettingsFile next = new SettingsFile(config.resolve("settings.properties"));
        assertThat(next.get("locale", null)).isEqualTo("zh-CN");
        assertThat(next.getDouble("window.width", 0)).isEqualTo(1111);
        assertThat(next.get("folder.output", null)).isEqualTo("/srv/out");
        assertThat(next.getBoolean("presentation", false)).isTrue();

        // A value the user changed since must not be undone by the old one at the next start.
        next.put("locale", "en");
        assertThat(LegacyPreferences.moveOnce(old, next)).isFalse();
        assertThat(new SettingsFile(config.resolve("settings.properties")).get("locale", null)).isEqualTo("en");
        assertThat(old.get("locale", null)).as("the old values stay for an older version").isEqualTo("zh-CN");
    }

    @Test
    void aValueAlreadyInTheFileWinsOverTheOldOne() {
        SettingsFile settings = new SettingsFile(config.resolve("settings.properties"));
        settings.put("locale", "en");

        LegacyPreferences.moveOnce(old, settings);

        assertThat(settings.get("locale", null)).isEqualTo("en");
        assertThat(settings.get("folder.output", null)).isEqualTo("/srv/out");
    }

    @Test
    void noOldSettingsIsAFirstStartLikeAnyOther() {
        SettingsFile settings = new SettingsFile(config.resolve("settings.properties"));

        assertThat(LegacyPreferences.moveOnce(null, settings)).isFalse();
        assertThat(settings.getBoolean(LegacyPreferences.MOVED, false)).isTrue();
    }
}
