package io.garrison.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Words quoted for a POSIX shell, which reads them back exactly: a rerun command line, a remote worker's command. */
public final class ShellWords {

    /** Words a shell reads as they are; anything else is single-quoted. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private ShellWords() {
    }

    public static String quote(String word) {
        if (PLAIN.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    public static String quoteAll(List<String> words) {
        List<String> quoted = new ArrayList<>(words.size());
        for (String word : words) {
            quoted.add(quote(word));
        }
        return String.join(" ", quoted);
    }
}
