package io.garrison.ui.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class I18nTest {

    @AfterEach
    void english() {
        I18n.setLocale(Locale.ENGLISH);
    }

    @Test
    void everyUiKeyHasAnEnglishAndAChineseText() throws IOException {
        Set<String> english = uiKeys("/i18n/messages.properties");
        Set<String> chinese = uiKeys("/i18n/messages_zh_CN.properties");
        assertThat(english).hasSizeGreaterThan(100);
        assertThat(chinese).containsExactlyInAnyOrderElementsOf(english);
    }

    @Test
    void switchingTheLanguageChangesBoundTexts() {
        I18n.setLocale(Locale.ENGLISH);
        var title = I18n.text("ui.tab.tasks");
        assertThat(title.get()).isEqualTo("Tasks");

        I18n.setLocale(Locale.CHINA);

        assertThat(I18n.getLocale()).isEqualTo(Locale.SIMPLIFIED_CHINESE);
        assertThat(title.get()).isEqualTo("\u4efb\u52a1");
        assertThat(I18n.get("ui.parade.queue", 12_000)).isEqualTo("\u961f\u5217\uff1a12,000");
    }

    @Test
    void anyOtherLanguageFallsBackToEnglishAndMissingKeysShowThemselves() {
        assertThat(I18n.supported(Locale.GERMAN)).isEqualTo(Locale.ENGLISH);
        assertThat(I18n.supported(Locale.TRADITIONAL_CHINESE)).isEqualTo(Locale.SIMPLIFIED_CHINESE);
        assertThat(I18n.get("ui.no.such.key")).isEqualTo("ui.no.such.key");
    }

    @Test
    void numbersInEveryMessageReadAsMessageFormatWritesThem() throws IOException {
        Object[] args = {12_345, 6_789_012L, 7, -42, 1_000_000, 3L};
        for (Locale locale : I18n.SUPPORTED) {
            I18n.setLocale(locale);
            String resource = locale.getLanguage().equals("zh") ? "/i18n/messages_zh_CN.properties"
                    : "/i18n/messages.properties";
            Properties properties = new Properties();
            try (InputStream in = I18nTest.class.getResourceAsStream(resource)) {
                properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
            for (String key : uiKeys(resource)) {
                java.text.MessageFormat plain;
                try {
                    plain = new java.text.MessageFormat(properties.getProperty(key), I18n.getLocale());
                } catch (IllegalArgumentException e) {
                    continue; // a text shown as it is, never formatted (e.g. one that shows "{out}")
                }
                String expected = plain.format(args);
                assertThat(I18n.get(key, args)).as(key + " in " + locale).isEqualTo(expected);
            }
        }
    }

    private static Set<String> uiKeys(String resource) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = I18nTest.class.getResourceAsStream(resource)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties.stringPropertyNames().stream().filter(k -> k.startsWith("ui.") || k.startsWith("app."))
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
