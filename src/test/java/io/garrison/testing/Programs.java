package io.garrison.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Programs beside Garrison that some tests run (GNU parallel, asciidoctor, man): whether this machine has them. */
public final class Programs {

    private Programs() {
    }

    /** Whether {@code program} is an executable on the PATH, as a shell would find it. */
    public static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir.isEmpty() ? "." : dir, program))) {
                return true;
            }
        }
        return false;
    }
}
