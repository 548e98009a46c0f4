package io.garrison.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.garrison.shared.ManagerClientOperation;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTextTest {

    private static final List<String> TEXTS_GIVEN_ARGUMENTS = List.of("cli.run.problem", "cli.run.noSuchList",
            "cli.run.cannotRead", "cli.run.strictRejected", "cli.run.outputIsAFile", "cli.run.poolRange",
            "cli.run.chunkSizeRange", "cli.run.haltSyntax", "cli.notRun", "cli.progress", "cli.run.resultsFormNotOffered",
            "cli.run.resultsIsAFile", "cli.run.cannotMakeResults", "cli.run.cannotWriteResults", "cli.watch.howTo",
            "cli.watch.portRange", "cli.watch.cannotServe", "cli.watch.dropped", "cli.watch.eventsLost", "cli.watch.noSuchStream", "cli.watch.killed",
            "cli.python.patienceRange", "cli.python.noSuchScript", "cli.python.unavailable", "cli.python.cannotStart",
            "cli.python.workerDied", "cli.python.taskLost", "cli.python.stoppedAfterPatience");

    @TempDir
    Path dir;

    @Test
    void everyCommandLineTextHasAnEnglishAndAChineseVersionAndEveryPatternFormats() throws IOException {
        Properties english = load("/i18n/cli.properties");
        Properties chinese = load("/i18n/cli_zh_CN.properties");
        assertThat(english.stringPropertyNames()).hasSizeGreaterThan(60);
        assertThat(chinese.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(english.stringPropertyNames());
        Object[] markers = {"<a>", "<b>", "<c>", "<d>", "<e>", "<f>"};
        for (String key : TEXTS_GIVEN_ARGUMENTS) {
            for (Properties language : List.of(english, chinese)) {
                String pattern = language.getProperty(key);
                String formatted = new MessageFormat(pattern).format(markers);
                Matcher placeholder = Pattern.compile("\\{(\\d)}").matcher(pattern);
                int placeholders = 0;
                while (placeholder.find()) {
                    placeholders++;
                    assertThat(formatted).as(key + " " + placeholder.group()).contains((String) markers[Integer.parseInt(placeholder.group(1))]);
                }
                assertThat(placeholders).as(key).isPositive();
                assertThat(formatted).as(key).doesNotContain("{").doesNotContain("'");
            }
        }
        // The manager client's help repeats the operations' syntax, which must not drift from the parser's.
        assertThat(english.getProperty("garrison.manager.client.usage.description.1")).endsWith(ManagerClientOperation.USAGE);
        assertThat(chinese.getProperty("garrison.manager.client.usage.description.1")).endsWith(ManagerClientOperation.USAGE);
    }

    @Test
    void theCommandLineSpeaksChineseUnderAChineseLocaleAndEnglishOtherwise() throws Exception {
        List<String> chinese = List.of("-Duser.language=zh", "-Duser.country=CN", "-Dsun.stdout.encoding=UTF-8",
                "-Dsun.stderr.encoding=UTF-8");
        CliProcess help = CliProcess.run(dir, chinese, "", "run", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.stdout()).contains("用法：", "用工作进程池运行一个任务列表。", "工作进程数", "显示本帮助信息并退出。",
                "退出状态：", "所有任务都成功");

        Files.writeString(dir.resolve("list.txt"), "1\n");
        CliProcess refused = CliProcess.run(dir, chinese, "", "run", "--resume", "list.txt");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.stderr()).contains("garrison run: --resume 需要 --joblog FILE");

        CliProcess inEnglish = CliProcess.run(dir, List.of("-Duser.language=de", "-Duser.country=DE"), "", "run",
                "--resume", "list.txt");
        assertThat(inEnglish.stderr()).contains("garrison run: --resume needs --joblog FILE");
        CliProcess englishHelp = CliProcess.run(dir, List.of("-Duser.language=en"), "", "run", "--help");
        assertThat(englishHelp.stdout()).contains("Usage: garrison run", "worker processes (default: available processors)",
                "0   all tasks succeeded");
    }

    private static Properties load(String resource) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = CliTextTest.class.getResourceAsStream(resource)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
