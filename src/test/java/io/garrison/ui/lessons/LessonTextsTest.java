package io.garrison.ui.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import io.garrison.lessons.LessonId;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The texts every lesson shows exist in both languages, and the Java it shows really compiles. */
class LessonTextsTest {

    @ParameterizedTest
    @EnumSource(LessonId.class)
    void everyLessonHasBothProgramsAndBothExplanations(LessonId id) {
        assertThat(LessonTexts.python(id)).contains("multiprocessing");
        assertThat(LessonTexts.java(id)).contains("io.garrison.");
        assertThat(LessonTexts.explanation(id, Locale.ENGLISH)).isNotBlank();
        assertThat(LessonTexts.explanation(id, Locale.SIMPLIFIED_CHINESE)).isNotBlank()
                .isNotEqualTo(LessonTexts.explanation(id, Locale.ENGLISH));
        assertThat(new LessonsBundle(Locale.SIMPLIFIED_CHINESE).text("lesson." + id.key() + ".title")).isNotBlank();
    }

    @Test
    void bothBundlesHaveTheSameKeys() throws IOException {
        assertThat(keys("/i18n/lessons_zh_CN.properties")).isEqualTo(keys("/i18n/lessons.properties"));
    }

    @Test
    void everyJavaProgramCompilesAgainstTheRealApi(@TempDir Path dir) throws IOException {
        List<String> files = new ArrayList<>();
        for (LessonId id : LessonId.values()) {
            String source = LessonTexts.java(id);
            Matcher name = Pattern.compile("public class (\\w+)").matcher(source);
            assertThat(name.find()).as(id.key()).isTrue();
            Path file = dir.resolve(name.group(1) + ".java");
            Files.writeString(file, source);
            files.add(file.toString());
        }
        List<String> args = new ArrayList<>(List.of("-d", dir.resolve("classes").toString(),
                "-cp", System.getProperty("java.class.path"), "-proc:none"));
        args.addAll(files);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        java.io.ByteArrayOutputStream errors = new java.io.ByteArrayOutputStream();
        int status = javac.run(null, null, errors, args.toArray(String[]::new));

        assertThat(status).as(errors.toString()).isZero();
    }

    private static java.util.Set<String> keys(String resource) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = LessonTextsTest.class.getResourceAsStream(resource)) {
            properties.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        return properties.stringPropertyNames();
    }
}
