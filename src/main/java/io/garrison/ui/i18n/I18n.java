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
import javafx.beans.value.ObservableValue;

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
    private static final java.util.Map<String, CachedFormat> FORMATS = new java.util.concurrent.ConcurrentHashMap<>();
    private static final java.util.Map<Locale, ResourceBundle> BUNDLES = new java.util.concurrent.ConcurrentHashMap<>();
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

    /** A duration as the status bar and the details show it: {@code 42 s}, {@code 3:05}, {@code 1:02:03}. */
    public static String duration(long ms) {
        return duration(getLocale(), ms);
    }

    /** {@link #duration(long)} in {@code locale}, whatever the app's language. */
    public static String duration(Locale locale, long ms) {
        long seconds = Math.max(0, (ms + 999) / 1000);
        if (seconds < 60) {
            return get(locale, "ui.unit.s", seconds);
        }
        if (seconds < 3600) {
            return String.format("%d:%02d", seconds / 60, seconds % 60);
        }
        return String.format("%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }

    /** The message for {@code key} with {@link MessageFormat} arguments; the key itself if it is missing. */
    public static String get(String key, Object... args) {
        return format(bundle(), key, args);
    }

    /**
     * {@link #get(String, Object...)} in {@code locale} (its closest supported language), whatever the app's
     * language: for a window with a language switch of its own, such as the lessons.
     */
    public static String get(Locale locale, String key, Object... args) {
        return format(BUNDLES.computeIfAbsent(supported(locale), I18n::load), key, args);
    }

    private static String format(ResourceBundle bundle, String key, Object[] args) {
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
        CachedFormat format = FORMATS.computeIfAbsent(bundle.getLocale() + "\0" + key,
                k -> new CachedFormat(pattern, bundle.getLocale()));
        return format.format(args);
    }

    /**
     * A message format with its own number format. MessageFormat makes a new NumberFormat for every plain
     * {@code {0}} given a number, which was a large part of formatting the log and status bar each frame; plain
     * numeric arguments are formatted here with one kept instance instead, to exactly the same text.
     */
    private static final class CachedFormat {
        private static final java.util.regex.Pattern TYPED = java.util.regex.Pattern.compile("\\{\\s*(\\d+)\\s*,");

        private final MessageFormat message;
        private final java.text.NumberFormat numbers;
        // Arguments that some element formats with a type of its own ({1,number,#}): left to MessageFormat.
        private final java.util.BitSet typed = new java.util.BitSet();

        CachedFormat(String pattern, Locale locale) {
            message = new MessageFormat(pattern, locale);
            numbers = java.text.NumberFormat.getInstance(locale);
            java.util.regex.Matcher m = TYPED.matcher(pattern);
            while (m.find()) {
                typed.set(Integer.parseInt(m.group(1)));
            }
        }

        synchronized String format(Object[] args) {
            Object[] plain = args;
            for (int i = 0; i < args.length; i++) {
                Object arg = args[i];
                if ((arg instanceof Integer || arg instanceof Long || arg instanceof Short || arg instanceof Byte)
                        && !typed.get(i)) {
                    if (plain == args) {
                        plain = args.clone();
                    }
                    plain[i] = numbers.format(((Number) arg).longValue());
                }
            }
            return message.format(plain);
        }
    }

    /** A binding that follows the language: for labels, titles and prompts. */
    public static StringBinding text(String key, Object... args) {
        return Bindings.createStringBinding(() -> get(key, args), LOCALE);
    }

    /** A binding that follows {@code language} rather than the app's: for a window with a language of its own. */
    public static StringBinding text(ObservableValue<Locale> language, String key, Object... args) {
        return Bindings.createStringBinding(() -> get(language.getValue(), key, args), language);
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
