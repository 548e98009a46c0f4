package io.garrison.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The file name each URL of a download list is saved under: the URL's and the list's, never the finishing order's. */
class DownloadNamesTest {

    private static final TaskOptions OPTIONS = TaskOptions.none();

    @Test
    void aNameNoOtherUrlOfTheListDerivesIsTheDerivedNameOfToday() {
        DownloadNames names = namesOf("http://example.com/a/b.png?x=1", "http://127.0.0.1:8000", "http://h/data");

        assertThat(names.fileName("http://example.com/a/b.png?x=1")).isEqualTo("example.com_a_b.png_x_1");
        assertThat(names.fileName("http://127.0.0.1:8000")).isEqualTo("127.0.0.1_index.html");
        assertThat(names.fileName("http://h/data")).isEqualTo("h_data");
    }

    @Test
    void urlsThatShareADerivedNameEachGetItWithTheirOwnKeyBeforeTheExtension() {
        String one = "http://127.0.0.1:8001/data.bin";
        String other = "http://127.0.0.1:8002/data.bin";
        DownloadNames names = namesOf(one, "http://127.0.0.1:8001/other.bin", other);

        assertThat(names.fileName(one)).isEqualTo("127.0.0.1_data__" + sha256(one).substring(0, 8) + ".bin");
        assertThat(names.fileName(other)).isEqualTo("127.0.0.1_data__" + sha256(other).substring(0, 8) + ".bin");
        assertThat(names.fileName("http://127.0.0.1:8001/other.bin")).isEqualTo("127.0.0.1_other.bin");
    }

    @Test
    void theKeyNeverLandsInsideTheHostAndAPathWithoutExtensionEndsWithIt() {
        String bare = "http://127.0.0.1:8000";
        String slash = "http://127.0.0.1:8000/";
        String data = "http://127.0.0.1:8000/data";
        String fragment = "http://127.0.0.1:8000/data#top";
        DownloadNames names = namesOf(bare, slash, data, fragment);

        assertThat(names.fileName(bare)).isEqualTo("127.0.0.1_index__" + sha256(bare).substring(0, 8) + ".html");
        assertThat(names.fileName(slash)).isEqualTo("127.0.0.1_index__" + sha256(slash).substring(0, 8) + ".html");
        assertThat(names.fileName(data)).isEqualTo("127.0.0.1_data__" + sha256(data).substring(0, 8));
        assertThat(names.fileName(fragment)).isEqualTo("127.0.0.1_data__" + sha256(fragment).substring(0, 8));
    }

    @Test
    void theSameUrlTwiceSharesItsNameWithNobody() {
        DownloadNames names = namesOf("http://h/page.html", "http://h/page.html");

        assertThat(names.fileName("http://h/page.html")).isEqualTo("h_page.html");
    }

    @Test
    void theOrderOfTheListChangesNoName() {
        List<String> urls = List.of("http://a:1/x.bin", "http://a:2/x.bin", "http://a:1/y.bin", "http://a:3/x.bin");
        DownloadNames forwards = namesOf(urls.toArray(String[]::new));
        List<String> reversed = new ArrayList<>(urls);
        Collections.reverse(reversed);
        DownloadNames backwards = namesOf(reversed.toArray(String[]::new));

        for (String url : urls) {
            assertThat(backwards.fileName(url)).isEqualTo(forwards.fileName(url));
        }
        assertThat(urls.stream().map(forwards::fileName).distinct()).hasSize(4);
    }

    @Test
    void invalidLinesHaveNoNameToShare() {
        DownloadNames names = namesOf("http://h/x", "ftp://h/x", "not a url");

        assertThat(names.fileName("http://h/x")).isEqualTo("h_x");
    }

    @Test
    void theNamesReachTheWorkersThroughTheOptions() {
        DownloadNames names = namesOf("http://a:1/x", "http://a:2/x", "http://a:1/y");

        DownloadNames carried = DownloadNames.of(names.addedTo(OPTIONS));

        for (String url : List.of("http://a:1/x", "http://a:2/x", "http://a:1/y")) {
            assertThat(carried.fileName(url)).isEqualTo(names.fileName(url));
        }
        assertThat(DownloadNames.of(OPTIONS).fileName("http://a:1/x")).isEqualTo("a_x");
    }

    @Test
    void aListReadABlockAtATimeHasTheNamesOfTheListHeldWhole() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 70_000; i++) {
            text.append("http://h:").append(i % 3 == 0 ? 1 : 2).append("/f").append(i / 2).append(".bin\n");
        }
        TaskKind kind = TaskKinds.require("download");
        DownloadNames whole = DownloadNames.in(new TaskListParser(kind, OPTIONS).parse(text.toString()));
        DownloadNames streamed = DownloadNames.in(new TaskListReader(kind, OPTIONS,
                new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8))));

        for (String url : List.of("http://h:1/f0.bin", "http://h:2/f0.bin", "http://h:2/f2.bin", "http://h:1/f34999.bin")) {
            assertThat(streamed.fileName(url)).isEqualTo(whole.fileName(url));
        }
        assertThat(whole.fileName("http://h:2/f2.bin")).as("f2 twice, on port 2 only").isEqualTo("h_f2.bin");
        assertThat(whole.fileName("http://h:2/f0.bin")).as("f0 on both ports").startsWith("h_f0__");
        assertThat(whole.fileName("http://h:1/f34999.bin")).as("in the second block").startsWith("h_f34999__");
    }

    @Test
    void noDerivedNameHoldsTheMarkOfADistinctOne() {
        for (String text : List.of("a__b", "a _ _b", "x___y.png", "__init__.py", "a\u0000\u0001_b")) {
            assertThat(SafeFileNames.sanitize(text)).doesNotContain("__");
        }
    }

    private static DownloadNames namesOf(String... urls) {
        return DownloadNames.in(new TaskListParser(TaskKinds.require("download"), OPTIONS).parse(String.join("\n", urls)));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
