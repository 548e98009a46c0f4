package io.garrison.task;

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

    /** A quote that a line opens and never closes. */
    public static final class UnclosedQuoteException extends IllegalArgumentException {
        private final char quote;

        UnclosedQuoteException(char quote, String line) {
            super("unclosed " + quote + " quote in: " + line);
            this.quote = quote;
        }

        public char quote() {
            return quote;
        }
    }

    /**
     * Splits a command line the way a shell splits simple words: white space separates, single and double quotes
     * group; no word at all is an empty list. @throws UnclosedQuoteException when a quote is not closed
     */
    public static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new UnclosedQuoteException(quote, line);
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    public static String quoteAll(List<String> words) {
        List<String> quoted = new ArrayList<>(words.size());
        for (String word : words) {
            quoted.add(quote(word));
        }
        return String.join(" ", quoted);
    }
}
