package io.garrison.ui.lessons;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/** The Lessons panel's own strings ({@code i18n/lessons*.properties}), kept apart from the app's bundle. */
public final class LessonsBundle {

    /** The base name of the bundle. */
    public static final String BASE_NAME = "i18n.lessons";

    private final ResourceBundle bundle;
    private final Locale locale;

    /** The strings for {@code locale}, English where it has none. */
    public LessonsBundle(Locale locale) {
        this.locale = locale;
        this.bundle = ResourceBundle.getBundle(BASE_NAME, locale);
    }

    /** The language asked for. */
    public Locale locale() {
        return locale;
    }

    /** The text of {@code key}, formatted with {@code args} (every text in the bundle is a MessageFormat pattern). */
    public String text(String key, Object... args) {
        return new MessageFormat(bundle.getString(key), locale).format(args);
    }

    /** A log line in this bundle's language. */
    public String text(LogLine line) {
        return text(line.key(), line.args().toArray());
    }

    /** Whether the bundle has {@code key}. */
    public boolean has(String key) {
        return bundle.containsKey(key);
    }
}
