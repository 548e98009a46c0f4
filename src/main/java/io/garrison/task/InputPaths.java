package io.garrison.task;

/**
 * The parts of an input that GNU parallel's path replacement strings name, computed as parallel 20221122 does
 * (its Perl substitutions and File::Basename's {@code dirname}), so a template gives the same argv under both.
 * The input is taken as text, never looked up on disk: {@code trailing/} has an empty basename, as in parallel.
 */
final class InputPaths {

    private InputPaths() {
    }

    /** {@code {/}}: everything after the last slash ({@code s:.*\/::}). */
    static String basename(String input) {
        return input.substring(input.lastIndexOf('/') + 1);
    }

    /**
     * {@code {.}}: without the last extension ({@code s:\.[^/.]*$::}), the extension being a dot and what follows
     * it up to the end with no slash; so {@code .bashrc} becomes empty and {@code dir.d/file} stays whole.
     */
    static String withoutExtension(String input) {
        int dot = input.lastIndexOf('.');
        return dot >= 0 && input.indexOf('/', dot) < 0 ? input.substring(0, dot) : input;
    }

    /** {@code {/.}}: the basename without its extension. */
    static String basenameWithoutExtension(String input) {
        return withoutExtension(basename(input));
    }

    /**
     * {@code {//}}: Perl's {@code File::Basename::dirname} on Unix, which parallel calls: {@code .} for a bare name
     * (and for {@code name/}), {@code /} for the root, and trailing slashes of the directory dropped.
     */
    static String dirname(String input) {
        String[] parsed = fileparse(input);
        String dir = stripTrailingSlashes(parsed[0]);
        if (parsed[1].isEmpty()) {
            // A path ending in a slash names a directory: its own dirname is the one one level up.
            dir = stripTrailingSlashes(fileparse(dir)[0]);
        }
        return dir;
    }

    /** File::Basename's {@code fileparse}: the directory part with its slash ({@code ./} if none), and the rest. */
    private static String[] fileparse(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? new String[] {"./", path} : new String[] {path.substring(0, slash + 1), path.substring(slash + 1)};
    }

    /** {@code s{(.)/*\z}{$1}}: drops trailing slashes but keeps the first character, so {@code /} stays. */
    private static String stripTrailingSlashes(String path) {
        int end = path.length();
        while (end > 1 && path.charAt(end - 1) == '/') {
            end--;
        }
        return path.substring(0, end);
    }
}
