package io.garrison.task;

import java.util.ArrayList;
import java.util.List;

/**
 * An argv template such as {@code curl -s -o {out} {}}: split into words once, like a shell would split
 * them (quotes group words), but never run through a shell, so an input can never become a second command.
 */
public final class CommandTemplate {

    public static final String INPUT = "{}";
    public static final String TASK_NUMBER = "{#}";
    public static final String OUTPUT_PATH = "{out}";

    private final List<String> words;
    private final boolean usesOutputPath;

    private CommandTemplate(List<String> words) {
        this.words = List.copyOf(words);
        boolean output = false;
        for (String word : words) {
            output |= word.contains(OUTPUT_PATH);
        }
        this.usesOutputPath = output;
    }

    /**
     * @throws IllegalArgumentException with the reason when the template is empty or a quote is not closed
     */
    public static CommandTemplate parse(String template) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
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
            throw new IllegalArgumentException("the command template has an unclosed " + quote + " quote");
        }
        if (inWord) {
            words.add(word.toString());
        }
        if (words.isEmpty()) {
            throw new IllegalArgumentException("the command template is empty");
        }
        return new CommandTemplate(words);
    }

    public boolean usesOutputPath() {
        return usesOutputPath;
    }

    /** The argv for one task. Without {@code {}} anywhere the input goes last, as with xargs. */
    public List<String> expand(String input, int taskNumber, String outputPath) {
        List<String> argv = new ArrayList<>(words.size() + 1);
        boolean inputPlaced = false;
        for (String w : words) {
            if (w.contains(INPUT)) {
                inputPlaced = true;
            }
            argv.add(expandWord(w, input, Integer.toString(taskNumber), outputPath == null ? "" : outputPath));
        }
        if (!inputPlaced) {
            argv.add(input);
        }
        return argv;
    }

    /**
     * One pass from left to right: text put in for a placeholder is never scanned again, so an input or an
     * output path that happens to contain {@code {}} or {@code {out}} stays as it is.
     */
    private static String expandWord(String word, String input, String number, String outputPath) {
        StringBuilder out = new StringBuilder(word.length() + input.length());
        int i = 0;
        while (i < word.length()) {
            if (word.startsWith(INPUT, i)) {
                out.append(input);
                i += INPUT.length();
            } else if (word.startsWith(TASK_NUMBER, i)) {
                out.append(number);
                i += TASK_NUMBER.length();
            } else if (word.startsWith(OUTPUT_PATH, i)) {
                out.append(outputPath);
                i += OUTPUT_PATH.length();
            } else {
                out.append(word.charAt(i++));
            }
        }
        return out.toString();
    }

    public List<String> words() {
        return words;
    }
}
