package io.garrison.ui.settings;

import dev.dirs.ProjectDirectories;
import dev.dirs.UserDirectories;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where this system keeps a user's settings and documents, as {@code dev.dirs:directories} knows it: on Linux the
 * XDG folders ({@code $XDG_CONFIG_HOME/garrison}, else {@code ~/.config/garrison}; the documents folder as
 * {@code xdg-user-dir} names it), on macOS {@code ~/Library/Application Support/io.garrison.Garrison}, on Windows
 * the roaming {@code AppData} folder. Asking for the documents folder may start a program ({@code xdg-user-dir}, or
 * PowerShell on Windows): call it off the FX thread. Any thread.
 */
public final class UserFolders {

    /** The output folder's name within the documents (or downloads) folder. */
    static final String OUTPUT_FOLDER = "Garrison";

    private UserFolders() {
    }

    /** The folder of Garrison's settings, recent lists and hosts file; it may not exist yet. */
    public static Path configFolder() {
        return Path.of(ProjectDirectories.from("io", "garrison", "Garrison").configDir);
    }

    /**
     * Where results go until the user chooses a folder: {@code Garrison} in the documents folder, else in the
     * downloads folder, else in the home folder. It may not exist yet: a run that writes files makes it.
     */
    public static Path defaultOutputFolder() {
        Path home = Path.of(System.getProperty("user.home"));
        UserDirectories user;
        try {
            user = UserDirectories.get();
        } catch (RuntimeException e) {
            // A system the library does not know, or whose folder lookup failed: the home folder is always there.
            return home.resolve(OUTPUT_FOLDER);
        }
        return outputFolderIn(folder(user.documentDir), folder(user.downloadDir), home);
    }

    /** The first of the documents and downloads folders that exists, with {@code Garrison} in it; else in home. */
    static Path outputFolderIn(Optional<Path> documents, Optional<Path> downloads, Path home) {
        return documents.filter(Files::isDirectory)
                .or(() -> downloads.filter(Files::isDirectory))
                .orElse(home)
                .resolve(OUTPUT_FOLDER);
    }

    private static Optional<Path> folder(String path) {
        return path == null || path.isBlank() ? Optional.empty() : Optional.of(Path.of(path));
    }
}
