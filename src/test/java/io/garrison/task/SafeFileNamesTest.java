package io.garrison.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeFileNamesTest {

    @Test
    void namesNeverLeaveTheFolderOrHide() {
        assertThat(SafeFileNames.forUrl(URI.create("http://example.com/"))).isEqualTo("example.com_index.html");
        assertThat(SafeFileNames.forUrl(URI.create("http://example.com/a/b.png?x=1"))).isEqualTo("example.com_a_b.png_x_1");
        assertThat(SafeFileNames.forUrl(URI.create("http://h/../../etc/passwd"))).doesNotContain("/").doesNotStartWith(".");
        assertThat(SafeFileNames.sanitize("..")).isEqualTo("download");
        assertThat(SafeFileNames.sanitize(".hidden")).isEqualTo("hidden");
        assertThat(SafeFileNames.sanitize("a\u0000b\nc\\d")).isEqualTo("a_b_c_d");
        assertThat(SafeFileNames.sanitize("x".repeat(5000))).hasSize(SafeFileNames.MAX_LENGTH);
        assertThat(SafeFileNames.sanitize("日本語.html")).isEqualTo("html");
    }

    @Test
    void aHostWithoutAPathIsItsIndexPage() {
        assertThat(SafeFileNames.forUrl(URI.create("http://127.0.0.1:8000"))).isEqualTo("127.0.0.1_index.html");
        assertThat(SafeFileNames.forUrl(URI.create("http://127.0.0.1:8000/"))).isEqualTo("127.0.0.1_index.html");
        assertThat(SafeFileNames.forUrl(URI.create("http://127.0.0.1:8000?q=1"))).isEqualTo("127.0.0.1_index.html_q_1");
    }

    @Test
    void theCollisionSuffixGoesBeforeTheExtensionOfTheLastPartOnly() {
        assertThat(SafeFileNames.withSuffix("127.0.0.1_data", 2)).isEqualTo("127.0.0.1_data-2");
        assertThat(SafeFileNames.withSuffix("127.0.0.1_index.html", 3)).isEqualTo("127.0.0.1_index-3.html");
        assertThat(SafeFileNames.withSuffix("example.com_a.b_c", 2)).isEqualTo("example.com_a.b_c-2");
        assertThat(SafeFileNames.withSuffix("page.html", 2)).isEqualTo("page-2.html");
        assertThat(SafeFileNames.withSuffix("data", 2)).isEqualTo("data-2");
        assertThat(SafeFileNames.withSuffix("x_.hidden", 2)).isEqualTo("x_.hidden-2");
    }

    @Test
    void windowsDeviceNamesAreNeverKeptAsNames() {
        assertThat(SafeFileNames.sanitize("CON")).isEqualTo("_CON");
        assertThat(SafeFileNames.sanitize("NUL.txt")).isEqualTo("_NUL.txt");
        assertThat(SafeFileNames.sanitize("nul.tar.gz")).isEqualTo("_nul.tar.gz");
        assertThat(SafeFileNames.sanitize("com1")).isEqualTo("_com1");
        assertThat(SafeFileNames.sanitize("Lpt9.log")).isEqualTo("_Lpt9.log");
        assertThat(SafeFileNames.sanitize("aux")).isEqualTo("_aux");
        assertThat(SafeFileNames.sanitize("..PRN")).isEqualTo("_PRN");
        assertThat(SafeFileNames.forUrl(URI.create("http://nul.txt/"))).isEqualTo("_nul.txt_index.html");
        assertThat(SafeFileNames.sanitize("CONSOLE")).isEqualTo("CONSOLE");
        assertThat(SafeFileNames.sanitize("com0")).isEqualTo("com0");
        assertThat(SafeFileNames.sanitize("con_index.html")).isEqualTo("con_index.html");
        assertThat(SafeFileNames.sanitize("icon.png")).isEqualTo("icon.png");
    }

    @Test
    void publishingResolvesCollisionsWithoutOverwriting(@TempDir Path dir) throws Exception {
        Path first = Files.writeString(dir.resolve(".a.part"), "first");
        Path second = Files.writeString(dir.resolve(".b.part"), "second");

        Path one = SafeFileNames.publish(first, dir, "page.html");
        Path two = SafeFileNames.publish(second, dir, "page.html");

        assertThat(one.getFileName().toString()).isEqualTo("page.html");
        assertThat(two.getFileName().toString()).isEqualTo("page-2.html");
        assertThat(Files.readString(one)).isEqualTo("first");
        assertThat(Files.readString(two)).isEqualTo("second");
        assertThat(first).doesNotExist();
        assertThat(second).doesNotExist();
    }

    @Test
    void temporariesAreNewFilesThatTheParentCanFindByPid(@TempDir Path dir) throws Exception {
        java.util.Set<Path> made = new java.util.HashSet<>();
        for (int i = 0; i < 100; i++) {
            Path temp = SafeFileNames.createTemporary(dir);
            assertThat(temp.getParent()).isEqualTo(dir);
            assertThat(temp).exists().isEmptyFile();
            assertThat(temp.getFileName().toString())
                    .startsWith(SafeFileNames.temporaryPrefix(ProcessHandle.current().pid())).endsWith(".part");
            made.add(temp);
        }
        assertThat(made).hasSize(100);
        assertThat(SafeFileNames.removeTemporaries(dir, ProcessHandle.current().pid())).isEqualTo(100);
        assertThat(dir).isEmptyDirectory();
    }
}
