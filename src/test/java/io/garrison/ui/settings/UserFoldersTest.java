package io.garrison.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the settings and the default output go, as this system keeps them. */
class UserFoldersTest {

    @TempDir
    Path home;

    @Test
    void onLinuxTheSettingsAreInTheXdgConfigFolder() {
        assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux"));
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path expected = xdg != null && !xdg.isBlank() ? Path.of(xdg, "garrison")
                : Path.of(System.getProperty("user.home"), ".config", "garrison");

        assertThat(UserFolders.configFolder()).isEqualTo(expected);
        assertThat(UserSettings.file()).isEqualTo(expected.resolve("settings.properties"));
    }

    @Test
    void outputGoesToTheDocumentsElseTheDownloadsElseHome() throws Exception {
        Path documents = Files.createDirectory(home.resolve("Documents"));
        Path downloads = Files.createDirectory(home.resolve("Downloads"));

        assertThat(UserFolders.outputFolderIn(Optional.of(documents), Optional.of(downloads), home))
                .isEqualTo(documents.resolve("Garrison"));
        assertThat(UserFolders.outputFolderIn(Optional.of(home.resolve("Dokumente")), Optional.of(downloads), home))
                .as("a documents folder named but not there").isEqualTo(downloads.resolve("Garrison"));
        assertThat(UserFolders.outputFolderIn(Optional.empty(), Optional.empty(), home))
                .isEqualTo(home.resolve("Garrison"));
    }

    @Test
    void theDefaultOutputIsAnAbsoluteFolderWhereverTheAppWasStarted() {
        Path output = UserFolders.defaultOutputFolder();

        assertThat(output).isAbsolute();
        assertThat(output.getFileName()).hasToString("Garrison");
    }

    @Test
    void recentListsKeepTheNewestFirstEachOnceAndNoMoreThanTen() {
        RecentLists recent = new RecentLists(new SettingsFile(home.resolve("settings.properties")));
        for (int i = 0; i < 12; i++) {
            recent.opened(home.resolve("list-" + i + ".txt"));
        }
        recent.opened(home.resolve("list-5.txt"));

        List<Path> lists = new RecentLists(new SettingsFile(home.resolve("settings.properties"))).all();
        assertThat(lists).hasSize(RecentLists.MAX).startsWith(home.resolve("list-5.txt"), home.resolve("list-11.txt"))
                .doesNotHaveDuplicates().doesNotContain(home.resolve("list-0.txt"));
        recent.clear();
        assertThat(recent.all()).isEmpty();
    }
}
