package io.garrison.ui.lessons;

import java.util.Arrays;
import java.util.List;

/**
 * One line of a lesson's output, kept as a bundle key and its arguments rather than as text, so the panel can
 * show it again in another language. Arguments are kept as text: PIDs must not get thousands separators.
 *
 * @param key a key of the {@code i18n/lessons} bundle, a {@link java.text.MessageFormat} pattern
 * @param args the pattern's arguments, as text
 */
public record LogLine(String key, List<String> args) {

    /** A line from a key and its arguments, each turned into text with {@link String#valueOf}. */
    public static LogLine of(String key, Object... args) {
        return new LogLine(key, Arrays.stream(args).map(String::valueOf).toList());
    }
}
