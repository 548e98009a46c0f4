package io.garrison.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.garrison.testing.Programs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The files that make Garrison a desktop app on Linux (installer/linux) say what a file manager and a software
 * centre need, and pass the freedesktop tools' own checks where those tools are installed (CI installs them):
 * desktop-file-validate, update-mime-database, appstreamcli. The installers all pass the task lists' association.
 */
class DesktopIntegrationFilesTest {

    private static final Path INSTALLER = Path.of("installer");
    private static final Path DESKTOP = INSTALLER.resolve("linux/garrison.desktop");
    private static final Path MIME = INSTALLER.resolve("linux/garrison-tasks.xml");
    private static final Path METAINFO = INSTALLER.resolve("linux/io.garrison.Garrison.metainfo.xml");

    @TempDir
    Path dir;

    @Test
    void theMenuEntryOpensTheListsItIsGivenAndSaysWhichItOpens() throws IOException {
        Map<String, String> entry = desktopEntry();

        assertThat(entry.get("Exec")).isEqualTo("garrison %F");
        assertThat(entry.get("MimeType")).isEqualTo("text/x-garrison-tasks;text/plain;");
        assertThat(entry.get("Categories").split(";")).contains("Development", "Education");
        assertThat(entry.get("Icon")).isEqualTo("garrison");
        assertThat(entry.get("StartupWMClass")).isEqualTo("io.garrison.ui.GarrisonApp");
    }

    @Test
    void theMenuEntryPassesDesktopFileValidate() throws Exception {
        assumeTrue(Programs.onPath("desktop-file-validate"),
                "desktop-file-validate (desktop-file-utils) is not installed");

        Result result = run("desktop-file-validate", DESKTOP.toString());

        assertThat(result.status()).as(result.output()).isZero();
        assertThat(result.output()).doesNotContain("error:");
    }

    @Test
    void theMimeTypeIsPlainTextNamedTasks() throws Exception {
        Element type = (Element) xml(MIME).getElementsByTagName("mime-type").item(0);

        assertThat(type.getAttribute("type")).isEqualTo("text/x-garrison-tasks");
        assertThat(((Element) type.getElementsByTagName("glob").item(0)).getAttribute("pattern")).isEqualTo("*.tasks");
        assertThat(((Element) type.getElementsByTagName("sub-class-of").item(0)).getAttribute("type"))
                .isEqualTo("text/plain");
        assertThat(type.getNamespaceURI()).isEqualTo("http://www.freedesktop.org/standards/shared-mime-info");
    }

    @Test
    void sharedMimeInfoTakesTheTypeAndKnowsTasksFilesByIt() throws Exception {
        assumeTrue(Programs.onPath("update-mime-database"),
                "update-mime-database (shared-mime-info) is not installed");
        Path mime = Files.createDirectories(dir.resolve("mime/packages")).getParent();
        Files.copy(MIME, mime.resolve("packages/garrison.xml"));

        Result result = run("update-mime-database", mime.toString());

        assertThat(result.status()).as(result.output()).isZero();
        assertThat(Files.readString(mime.resolve("globs2"))).contains("text/x-garrison-tasks:*.tasks");
        assertThat(Files.readString(mime.resolve("subclasses"))).contains("text/x-garrison-tasks text/plain");
    }

    @Test
    void theAppStreamMetadataNamesTheEntryAndTheTypeAndValidates() throws Exception {
        Document metainfo = xml(METAINFO);
        assertThat(text(metainfo, "id")).isEqualTo("io.garrison.Garrison");
        assertThat(text(metainfo, "launchable")).isEqualTo(DESKTOP.getFileName().toString());
        assertThat(text(metainfo, "mediatype")).isEqualTo("text/x-garrison-tasks");
        assumeTrue(Programs.onPath("appstreamcli"), "appstreamcli (appstream) is not installed");

        Result result = run("appstreamcli", "validate", "--no-net", METAINFO.toString());

        assertThat(result.status()).as(result.output()).isZero();
    }

    @Test
    void everyInstallerPassesTheTaskListsAssociationAndTheDebInstallsTheFiles() throws IOException {
        for (String script : List.of("build-deb.sh", "build-dmg.sh", "build-msi.ps1")) {
            assertThat(Files.readString(INSTALLER.resolve(script))).as(script)
                    .contains("--file-associations").contains("file-associations.properties");
        }
        assertThat(Files.readString(INSTALLER.resolve("file-associations.properties")))
                .contains("extension=tasks", "mime-type=text/x-garrison-tasks");
        String deb = Files.readString(INSTALLER.resolve("build-deb.sh"));
        assertThat(deb).contains("/usr/share/mime/packages/garrison.xml", "/usr/share/metainfo/io.garrison.Garrison",
                "hicolor/scalable/apps/garrison.svg", "DEBIAN/postinst");
        assertThat(Files.isExecutable(INSTALLER.resolve("linux/postinst"))).isTrue();
    }

    private static Map<String, String> desktopEntry() throws IOException {
        Map<String, String> keys = new LinkedHashMap<>();
        for (String line : Files.readAllLines(DESKTOP, StandardCharsets.UTF_8)) {
            int equals = line.indexOf('=');
            if (!line.startsWith("#") && equals > 0) {
                keys.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        return keys;
    }

    private static Document xml(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    private static String text(Document document, String tag) {
        return document.getElementsByTagName(tag).item(0).getTextContent().strip();
    }

    private record Result(int status, String output) {
    }

    private static Result run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }
}
