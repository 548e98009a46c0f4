package io.garrison.ui.main;

import java.nio.file.Path;
import java.util.List;

/**
 * Where the loaded task list came from: a file, or text pasted or dropped. Kept so the list can be read again
 * when the task kind changes (which lines are valid depends on the kind).
 */
public sealed interface ListSource {

    /** A short name for the title and the log. */
    String name();

    record FromFile(Path file) implements ListSource {
        @Override
        public String name() {
            return file.getFileName() == null ? file.toString() : file.getFileName().toString();
        }
    }

    record FromText(String name, String text) implements ListSource {
    }

    /** Several list files read as one list: their lines one after another, in the order given. */
    record FromFiles(String name, List<Path> files) implements ListSource {
        public FromFiles {
            files = List.copyOf(files);
        }
    }
}
