package io.garrison.ui.i18n;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * Every user-visible string of the desktop app, from {@code i18n/messages*.properties}.
 *
 * <p>The language follows the OS locale at start and can be switched while the app runs: labels bound with
 * {@link #text} update at once. Threading: the locale is changed and read on the FX thread; {@link #get} may be
 * called from any thread (the bundle reference is volatile).
 */
public final class I18n {

    /** The languages the bundles cover, in menu order. */
    public static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE);

    private static final String BASE = "i18n.messages";
    // Without this, asking for English on a Chinese OS would fall back to the OS locale's bundle.
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
    private static final ObjectProperty<Locale> LOCALE = new SimpleObjectProperty<>(supported(Locale.getDefault()));
    private static final java.util.Map<String, MessageFormat> FORMATS = new java.util.concurrent.ConcurrentHashMap<>();
    private static volatile Loaded loaded = new Loaded(LOCALE.get(), load(LOCALE.get()));

    /** The bundle of a locale, switched together so no reader sees one without the other. */
    private record Loaded(Locale locale, ResourceBundle bundle) {
    }

    private I18n() {
    }

    /** The closest supported language: any Chinese shows Simplified Chinese, anything else English. */
    public static Locale supported(Locale wanted) {
        return "zh".equals(wanted.getLanguage()) ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
    }

    public static ObjectProperty<Locale> localeProperty() {
        return LOCALE;
    }

    public static Locale getLocale() {
        return LOCALE.get();
    }

    public static void setLocale(Locale locale) {
        LOCALE.set(supported(locale));
    }

    /** The message for {@code key} with {@link MessageFormat} arguments; the key itself if it is missing. */
    public static String get(String key, Object... args) {
        ResourceBundle bundle = bundle();
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            return key;
        }
        if (args.length == 0) {
            return pattern;
        }
        // Formats are cached: the status bar and the log format many messages every frame.
        MessageFormat format = FORMATS.computeIfAbsent(bundle.getLocale() + "\0" + key,
                k -> new MessageFormat(pattern, bundle.getLocale()));
        synchronized (format) {
            return format.format(args);
        }
    }

    /** A binding that follows the language: for labels, titles and prompts. */
    public static StringBinding text(String key, Object... args) {
        return Bindings.createStringBinding(() -> get(key, args), LOCALE);
    }

    /**
     * The bundle of the current locale. Looked up from the locale on each call rather than swapped by a listener:
     * a skin reads bound texts as soon as the locale property fires, possibly before any listener of ours ran.
     */
    public static ResourceBundle bundle() {
        Locale wanted = LOCALE.get();
        Loaded current = loaded;
        if (!current.locale().equals(wanted)) {
            current = new Loaded(wanted, load(wanted));
            loaded = current;
        }
        return current.bundle();
    }

    private static ResourceBundle load(Locale locale) {
        return ResourceBundle.getBundle(BASE, locale, I18n.class.getClassLoader(), NO_FALLBACK);
    }
}
