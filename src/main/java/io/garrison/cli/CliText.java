package io.garrison.cli;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The command line's own words, from {@code i18n/cli.properties} in the JVM's language (English, or Simplified
 * Chinese under a Chinese locale). picocli reads the same bundle for the usage help.
 *
 * <p>A text given arguments is a {@link MessageFormat} pattern; a text without arguments is used as it is, so the
 * braces of a command template ({@code {out}}) need no quoting there. The reasons the engine gives (a line's
 * problem, a task's failure) are not in it yet: they reach the joblog and {@code --json} as they are.
 */
final class CliText {

    static final String BUNDLE = "i18n.cli";

    private CliText() {
    }

    static String get(String key, Object... arguments) {
        String text = ResourceBundle.getBundle(BUNDLE).getString(key);
        return arguments.length == 0 ? text : new MessageFormat(text, Locale.getDefault(Locale.Category.FORMAT))
                .format(arguments);
    }
}
