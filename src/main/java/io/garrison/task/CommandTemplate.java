package io.garrison.task;

import java.util.ArrayList;
import java.util.List;

/**
 * An argv template such as {@code curl -s -o {out} {}}: split into words once, like a shell would split
 * them (quotes group words), but never run through a shell, so an input can never become a second command.
 * Each replacement string lands inside the one word that names it, whatever spaces or quotes the input holds.
 *
 * <p>The replacement strings mean what they mean to GNU parallel ({@link Token}); {@code {out}} is Garrison's
 * own. A brace that looks like a replacement string but is none Garrison knows, {@code {1}}, {@code {..}},
 * {@code {base}}, or a {@code {= perl =}} expression, is refused when the template is parsed, before any task
 * runs: parallel would pass it through unchanged, and a typo would then run thousands of wrong commands. A
 * brace "looks like one" when only letters, digits and {@code . / # % + - _ : = @ ^ ~ !} stand between it and
 * its closing brace; a space, a quote, a comma, a {@code $} or other code punctuation inside, or a {@code $}
 * just before it ({@code ${HOME}}), makes it code, left as it is ({@code awk '{ print $1 }'}, {@code {"a":1}}).
 */
public final class CommandTemplate {

    /** The replacement strings, each with the text it stands for. */
    public enum Token {
        /** {@code {}}: the input. */
        INPUT("{}"),
        /** {@code {.}}: the input without its last extension. */
        WITHOUT_EXTENSION("{.}"),
        /** {@code {/}}: what follows the input's last slash. */
        BASENAME("{/}"),
        /** {@code {//}}: the input's directory, {@code .} for a bare name. */
        DIRNAME("{//}"),
        /** {@code {/.}}: the basename without its extension. */
        BASENAME_WITHOUT_EXTENSION("{/.}"),
        /** {@code {#}}: the task's 1-based number in its list. */
        TASK_NUMBER("{#}"),
        /** {@code {%}}: the worker's slot, 1 to the pool's size. */
        SLOT_NUMBER("{%}"),
        /** {@code {out}}: a temporary file in the output folder that becomes the task's result. */
        OUTPUT_PATH("{out}");

        private final String text;

        Token(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /** Characters a replacement string is made of; a brace around anything else is code, not a token. */
    private static final String TOKEN_PUNCTUATION = ".#%/+-_:=@^~!";

    /** Each word as its parts, in order: literal {@link String}s and {@link Token}s. */
    private final List<List<Object>> words;
    private final boolean usesOutputPath;
    private final boolean usesAnyToken;

    private CommandTemplate(List<List<Object>> words) {
        this.words = words;
        boolean output = false;
        boolean any = false;
        for (List<Object> word : words) {
            output |= word.contains(Token.OUTPUT_PATH);
            for (Object part : word) {
                any |= part instanceof Token;
            }
        }
        this.usesOutputPath = output;
        this.usesAnyToken = any;
    }

    /**
     * @throws InvalidTemplateException when the template is empty, a quote is not closed, or it names a
     *                                  replacement string Garrison does not know
     */
    public static CommandTemplate parse(String template) {
        List<List<Object>> words = new ArrayList<>();
        for (String word : split(template)) {
            words.add(List.copyOf(tokenize(word)));
        }
        return new CommandTemplate(List.copyOf(words));
    }

    private static List<String> split(String template) {
        List<String> words;
        try {
            words = ShellWords.split(template);
        } catch (ShellWords.UnclosedQuoteException e) {
            throw new InvalidTemplateException(InvalidTemplateException.Refusal.UNCLOSED_QUOTE,
                    String.valueOf(e.quote()), "the command template has an unclosed " + e.quote() + " quote");
        }
        if (words.isEmpty()) {
            throw new InvalidTemplateException(InvalidTemplateException.Refusal.EMPTY, "", "the command template is empty");
        }
        return words;
    }

    /** One word as literal text and tokens; refuses a token-shaped brace that is no known token. */
    private static List<Object> tokenize(String word) {
        List<Object> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < word.length()) {
            Token token = word.charAt(i) == '{' ? tokenAt(word, i) : null;
            if (token != null) {
                if (literal.length() > 0) {
                    parts.add(literal.toString());
                    literal.setLength(0);
                }
                parts.add(token);
                i += token.text().length();
                continue;
            }
            if (word.charAt(i) == '{' && (i == 0 || word.charAt(i - 1) != '$')) {
                String unknown = unknownTokenAt(word, i);
                if (unknown != null) {
                    throw new InvalidTemplateException(InvalidTemplateException.Refusal.UNKNOWN_TOKEN, unknown,
                            "the command template names " + unknown + ", which is no replacement string Garrison"
                                    + " knows (" + knownTokens() + "); braces that hold code need a space inside,"
                                    + " as in awk '{ print }'");
                }
            }
            literal.append(word.charAt(i++));
        }
        if (literal.length() > 0) {
            parts.add(literal.toString());
        }
        return parts;
    }

    private static Token tokenAt(String word, int at) {
        for (Token token : Token.values()) {
            if (word.startsWith(token.text(), at)) {
                return token;
            }
        }
        return null;
    }

    /** The token-shaped text at {@code at} (a {@code {= ... =}} expression or a brace word), or null if it is code. */
    private static String unknownTokenAt(String word, int at) {
        if (word.startsWith("{=", at)) {
            int end = word.indexOf("=}", at + 2);
            return end < 0 ? word.substring(at) : word.substring(at, end + 2);
        }
        int end = at + 1;
        while (end < word.length() && isTokenCharacter(word.charAt(end))) {
            end++;
        }
        return end < word.length() && word.charAt(end) == '}' ? word.substring(at, end + 1) : null;
    }

    private static boolean isTokenCharacter(char c) {
        return Character.isLetterOrDigit(c) || TOKEN_PUNCTUATION.indexOf(c) >= 0;
    }

    /** The known replacement strings, for messages: {@code {} {.} {/} ...}. */
    public static String knownTokens() {
        StringBuilder known = new StringBuilder();
        for (Token token : Token.values()) {
            known.append(known.length() == 0 ? "" : " ").append(token.text());
        }
        return known.toString();
    }

    public boolean usesOutputPath() {
        return usesOutputPath;
    }

    /** Whether any word of the template names {@code token}. */
    public boolean uses(Token token) {
        for (List<Object> word : words) {
            if (word.contains(token)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The argv for one task. A template with no replacement string at all gets the input as its last word, as
     * with xargs and GNU parallel; one that names any ({@code {#}} alone too) gets it only where it says.
     * Text put in for a replacement string is never scanned again, so an input that happens to contain
     * {@code {}} or {@code {out}} stays as it is.
     *
     * @param taskNumber the task's 1-based number in its list, {@code {#}}
     * @param slotNumber the slot of the worker that runs it, 1 to the pool's size, {@code {%}}
     * @param outputPath the file for {@code {out}}; null when the template does not use it
     */
    public List<String> expand(String input, int taskNumber, int slotNumber, String outputPath) {
        List<String> argv = new ArrayList<>(words.size() + 1);
        StringBuilder out = new StringBuilder();
        for (List<Object> word : words) {
            out.setLength(0);
            for (Object part : word) {
                out.append(part instanceof Token token
                        ? value(token, input, taskNumber, slotNumber, outputPath) : (String) part);
            }
            argv.add(out.toString());
        }
        if (!usesAnyToken) {
            argv.add(input);
        }
        return argv;
    }

    private static String value(Token token, String input, int taskNumber, int slotNumber, String outputPath) {
        return switch (token) {
            case INPUT -> input;
            case WITHOUT_EXTENSION -> InputPaths.withoutExtension(input);
            case BASENAME -> InputPaths.basename(input);
            case DIRNAME -> InputPaths.dirname(input);
            case BASENAME_WITHOUT_EXTENSION -> InputPaths.basenameWithoutExtension(input);
            case TASK_NUMBER -> Integer.toString(taskNumber);
            case SLOT_NUMBER -> Integer.toString(slotNumber);
            case OUTPUT_PATH -> outputPath == null ? "" : outputPath;
        };
    }
}
