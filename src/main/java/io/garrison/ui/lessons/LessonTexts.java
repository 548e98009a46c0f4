package io.garrison.ui.lessons;

import io.garrison.lessons.LessonId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A lesson's texts on the class path: {@code lessons/KEY/python.py} (the program it mirrors),
 * {@code lessons/KEY/Example.java} (the same with Garrison; the build compiles it in a test) and
 * {@code lessons/KEY/explanation[_zh_CN].txt}.
 */
public final class LessonTexts {

    private LessonTexts() {
    }

    /** The Python program. */
    public static String python(LessonId id) {
        return read(id, "python.py");
    }

    /** The Garrison Java program. */
    public static String java(LessonId id) {
        return read(id, "Example.java");
    }

    /** The explanation in {@code locale}'s language, English when there is none. */
    public static String explanation(LessonId id, Locale locale) {
        if (LessonsViewModel.supported(locale).equals(Locale.SIMPLIFIED_CHINESE)) {
            return read(id, "explanation_zh_CN.txt");
        }
        return read(id, "explanation.txt");
    }

    private static String read(LessonId id, String file) {
        String path = "/lessons/" + id.key() + "/" + file;
        try (InputStream in = LessonTexts.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).stripTrailing();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
