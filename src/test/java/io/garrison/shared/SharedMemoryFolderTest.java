package io.garrison.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The per-user shared memory folder sits in {@code /dev/shm}, where every user may create folders: each test
 * gives a child JVM a user name of its own ({@code -Duser.name}), so the folder it checks is the test's, not the
 * one the user's other Garrison processes share.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SharedMemoryFolderTest {

    private String user;
    private Path folder;

    @BeforeEach
    void pickAFolderOfItsOwn() {
        assumeTrue(Files.isDirectory(Path.of("/dev/shm")) && Files.isWritable(Path.of("/dev/shm")), "no /dev/shm");
        user = "gtest" + ProcessHandle.current().pid() + "x" + Long.toHexString(System.nanoTime());
        folder = Path.of("/dev/shm", "garrison-" + user);
    }

    @AfterEach
    void removeIt() throws IOException {
        if (folder != null && Files.isDirectory(folder)) {
            try (var files = Files.list(folder)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(folder);
        }
    }

    /** A child JVM that believes it is {@link #user}, creates a shared value, and prints the folder's and file's modes. */
    private Process createInChild() throws IOException {
        List<String> command = ChildJvm.command(SharedMemoryChild.class.getName(), List.of("create-and-print-modes"));
        command.removeIf(option -> option.startsWith("-D" + SharedMemoryFolder.FOLDER_PROPERTY + "="));
        command.add(1, "-Duser.name=" + user);
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private static String outputOf(Process process) throws Exception {
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return output;
    }

    @Test
    void aFolderPlantedByAnotherUserIsRefusedWithTheReason() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to act as a second user");
        Process plant = new ProcessBuilder("runuser", "-u", "nobody", "--", "mkdir", "-m", "0777", folder.toString())
                .redirectErrorStream(true).start();
        String planted = new String(plant.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assumeTrue(plant.waitFor() == 0, "runuser -u nobody failed: " + planted);
        assertThat(Files.getOwner(folder).getName()).isEqualTo("nobody");

        Process child = createInChild();
        String output = outputOf(child);

        assertThat(child.exitValue()).as(output).isNotZero();
        assertThat(output).contains("belongs to nobody").contains(folder.toString());
        try (var files = Files.list(folder)) {
            assertThat(files).as("nothing written into the planted folder").isEmpty();
        }
    }

    @Test
    void aFolderOfOursThatOthersMayEnterIsClosedAndSegmentsAreTheOwnersOnly() throws Exception {
        Files.createDirectory(folder);
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxrwxrwx"));

        Process child = createInChild();
        String output = outputOf(child);

        assertThat(child.exitValue()).as(output).isZero();
        assertThat(output).contains("rwx------ rw------- " + folder);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
    }
}
