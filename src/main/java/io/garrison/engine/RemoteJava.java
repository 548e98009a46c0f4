package io.garrison.engine;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The Java a host's workers run. A host with Java 17 or later on its PATH runs its own. A host without one, of
 * the same system and processor as this machine, gets a copy of the runtime this process runs on (an installed
 * app brings its own), cached there under a folder named by that runtime's identity, as the class path is:
 * a lab PC needs nothing installed but sshd.
 */
final class RemoteJava {

    static final int LEAST_FEATURE = 17;
    /** What a worker never uses: module files for jlink, headers, manuals, sources. */
    private static final List<String> NOT_SENT = List.of("jmods", "include", "man", "demo", "docs", "legal",
            "lib/src.zip", "lib/ct.sym");
    private static final String PROBE = "v=$(java -XshowSettings:properties -version 2>&1"
            + " | sed -n 's/^ *java.specification.version = //p'); echo \"${v:-none} $(uname -s) $(uname -m)\"";

    private RemoteJava() {
    }

    /**
     * The java command for the host's shell: {@code java}, or the copy of this machine's runtime, sent first
     * when the host lacks it.
     *
     * @throws IOException when the host has no Java 17 and is not a system this machine's runtime runs on
     */
    static String ensureOn(List<String> prefix, String cacheRoot) throws IOException {
        String[] answer = RemoteRuntime.ask(prefix, PROBE).split(" ");
        if (answer.length == 3 && feature(answer[0]) >= LEAST_FEATURE) {
            return "java";
        }
        String system = answer.length == 3 ? answer[1] + " " + answer[2] : String.join(" ", answer);
        if (answer.length != 3 || !sameSystem(answer[1], answer[2])) {
            throw new IOException("no Java " + LEAST_FEATURE + " or later on its PATH, and its system (" + system
                    + ") is not this machine's, whose runtime could be sent there");
        }
        Path home = Path.of(System.getProperty("java.home"));
        String folder = cacheRoot + "/java-" + identity(home);
        RemoteRuntime.ensureFolder(prefix, folder, out -> writeTar(home, out));
        return folder + "/bin/java";
    }

    /** 17 of "17" or "17.0.2"; 8 of "1.8"; 0 when there is none. */
    static int feature(String version) {
        String[] parts = version.split("\\.");
        try {
            int first = Integer.parseInt(parts[0]);
            return first == 1 && parts.length > 1 ? Integer.parseInt(parts[1]) : first;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Whether a host's {@code uname -s} and {@code uname -m} name this machine's system and processor. */
    static boolean sameSystem(String kernel, String machine) {
        String os = System.getProperty("os.name");
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String hostArch = switch (machine) {
            case "x86_64", "amd64" -> "amd64";
            case "aarch64", "arm64" -> "aarch64";
            default -> machine.toLowerCase(Locale.ROOT);
        };
        return os.equalsIgnoreCase(kernel) && (arch.equals(hostArch) || arch.equals("x86_64") && hostArch.equals("amd64"));
    }

    /** The files a worker's JVM needs, links followed (a distribution's runtime links to /etc), in a stable order. */
    private static List<Path> files(Path home) throws IOException {
        try (Stream<Path> walk = Files.walk(home, FileVisitOption.FOLLOW_LINKS)) {
            return walk.filter(Files::isRegularFile).filter(file -> !excluded(home.relativize(file))).sorted().toList();
        }
    }

    private static boolean excluded(Path relative) {
        String name = relative.toString().replace('\\', '/');
        for (String skipped : NOT_SENT) {
            if (name.equals(skipped) || name.startsWith(skipped + "/")) {
                return true;
            }
        }
        return false;
    }

    /** The runtime's release file and its files' names and sizes: hashing 180 MB on every run would cost seconds. */
    private static String identity(Path home) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
        Path release = home.resolve("release");
        if (Files.isRegularFile(release)) {
            sha.update(Files.readAllBytes(release));
        }
        for (Path file : files(home)) {
            sha.update((home.relativize(file) + "\0" + Files.size(file) + "\0").getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha.digest()).substring(0, 32);
    }

    private static void writeTar(Path home, OutputStream out) throws IOException {
        TarArchiveOutputStream tar = RemoteRuntime.tarOnto(out);
        for (Path file : files(home)) {
            RemoteRuntime.add(tar, file, home.relativize(file).toString().replace('\\', '/'));
        }
        tar.finish();
    }
}
