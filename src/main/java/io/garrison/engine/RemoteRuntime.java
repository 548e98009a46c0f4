package io.garrison.engine;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The worker's class path on another host: a folder named by the SHA-256 of its contents under
 * {@code ~/.cache/garrison/remote/} there, filled over the same ssh login as a tar stream into a temporary
 * folder that is renamed into place only when complete, so a copy cut off half-way is never taken for a
 * runtime, and a second run (or a second pool) on the same class path copies nothing. The Java that runs it is
 * the host's own or a copy of this machine's ({@link RemoteJava}).
 *
 * <p>Threading: {@link #ensureOn} blocks for the copy; it runs while a pool starts, before any worker.
 */
final class RemoteRuntime {

    /** Where runtimes live on a host, for its shell; {@code garrison.remote.cache} sets another (tests). */
    static final String CACHE_PROPERTY = "garrison.remote.cache";
    private static final String DEFAULT_CACHE = "$HOME/.cache/garrison/remote";
    private static final long COPY_TIMEOUT_SECONDS = 600;

    private static final int EXECUTABLE = 0100755;
    private static final int READABLE = 0100644;

    private static RemoteRuntime last;

    private final List<Path> entries;
    private final String digest;

    private RemoteRuntime(List<Path> entries, String digest) {
        this.entries = entries;
        this.digest = digest;
    }

    /** The runtime of a local class path; hashed once per class path and process. */
    static synchronized RemoteRuntime of(String classPath) throws IOException {
        List<Path> entries = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (!entry.isEmpty() && Files.exists(Path.of(entry))) {
                entries.add(Path.of(entry));
            }
        }
        if (last != null && last.entries.equals(entries)) {
            return last;
        }
        last = new RemoteRuntime(entries, hash(entries));
        return last;
    }

    /** The folder on the host, as its shell reads it (quoted where it may hold spaces). */
    String folder() {
        return cacheRoot() + "/" + digest;
    }

    /** The class path inside {@link #folder()}: entry i is {@code cp/i}, a jar keeping its name. */
    String classPath() {
        List<String> relative = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Path entry = entries.get(i);
            relative.add(Files.isDirectory(entry) ? "cp/" + i : "cp/" + i + "/" + entry.getFileName());
        }
        return String.join(":", relative);
    }

    /**
     * Makes sure the host has this runtime: asks whether it is complete there and, if not, sends it.
     *
     * @param prefix the ssh command up to and including the login and {@code --}
     * @throws IOException with ssh's own words when the host cannot be reached or the copy fails
     */
    RemoteInstall ensureOn(List<String> prefix) throws IOException {
        ensureFolder(prefix, folder(), this::writeTar);
        return new RemoteInstall(folder(), classPath(), RemoteJava.ensureOn(prefix, cacheRoot()));
    }

    /**
     * Makes sure the host has {@code folder} complete, sending it as the tar stream {@code tar} writes when it
     * has not: into a temporary folder per copy, renamed into place, so a copy cut off is never taken for whole
     * and a copy that lost a race to another leaves.
     */
    static void ensureFolder(List<String> prefix, String folder, Sender tar) throws IOException {
        if (run(prefix, "test -f \"" + folder + "/.complete\"", null) == 0) {
            return;
        }
        String script = "set -e; d=\"" + folder + "\"; t=\"$d.part.$$\"; mkdir -p \"$t\"; tar -x -C \"$t\";"
                + " touch \"$t/.complete\"; mv -T \"$t\" \"$d\" 2>/dev/null || rm -rf \"$t\"";
        int status = run(prefix, script, tar);
        if (status != 0) {
            throw new IOException("copying the worker's runtime failed (exit " + status + ")");
        }
    }

    /** What {@code script} printed on the host, stripped. */
    static String ask(List<String> prefix, String script) throws IOException {
        String[] printed = new String[1];
        run(prefix, script, null, output -> printed[0] = output);
        return printed[0];
    }

    /** The number of processors the host has, asked over its login; 0 when it cannot say. */
    static int processorsOn(List<String> prefix) {
        try {
            String printed = ask(prefix, "nproc 2>/dev/null || getconf _NPROCESSORS_ONLN");
            return printed.matches("\\d{1,6}") ? Integer.parseInt(printed) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** Writes what a script on the host reads on its stdin. */
    interface Sender {
        void send(OutputStream stdin) throws IOException;
    }

    private static int run(List<String> prefix, String script, Sender sender) throws IOException {
        return run(prefix, script, sender, printed -> { });
    }

    /** Runs {@code script} on the host; its exit status. {@code printed} gets what it printed, stripped. */
    private static int run(List<String> prefix, String script, Sender sender, Consumer<String> printed)
            throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.add(script);
        // ssh's and the remote tar's complaints go to a file: a pipe nobody reads while the tar stream is still
        // being written (a warning per file on a host whose clock is behind) would fill and stall the copy.
        Path errorFile = Files.createTempFile("garrison-ssh-", ".txt");
        Process process = new ProcessBuilder(command).redirectError(errorFile.toFile()).start();
        try {
            try (OutputStream stdin = process.getOutputStream()) {
                if (sender != null) {
                    sender.send(stdin);
                }
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(COPY_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IOException("no answer from " + prefix.get(prefix.size() - 2));
            }
            if (process.exitValue() == 255) {
                String errors = new String(Files.readAllBytes(errorFile), StandardCharsets.UTF_8).strip();
                throw new IOException(errors.isEmpty() ? "ssh failed (exit 255)" : errors.lines().reduce((a, b) -> b)
                        .orElse(errors));
            }
            printed.accept(output);
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while talking to the host", e);
        } finally {
            process.destroyForcibly();
            Files.deleteIfExists(errorFile);
        }
    }

    /** A tar stream that takes any name length and file size. */
    static TarArchiveOutputStream tarOnto(OutputStream out) {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        return tar;
    }

    private void writeTar(OutputStream out) throws IOException {
        TarArchiveOutputStream tar = tarOnto(out);
        for (int i = 0; i < entries.size(); i++) {
            Path entry = entries.get(i);
            if (Files.isDirectory(entry)) {
                for (Path file : filesUnder(entry)) {
                    add(tar, file, "cp/" + i + "/" + entry.relativize(file).toString().replace(File.separatorChar, '/'));
                }
            } else {
                add(tar, entry, "cp/" + i + "/" + entry.getFileName());
            }
        }
        tar.finish();
    }

    /** Adds a file's contents (a link's target's), executable on the host when it is here. */
    static void add(TarArchiveOutputStream tar, Path file, String name) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(file.toFile(), name);
        entry.setMode(Files.isExecutable(file) ? EXECUTABLE : READABLE);
        tar.putArchiveEntry(entry);
        Files.copy(file, tar);
        tar.closeArchiveEntry();
    }

    private static List<Path> filesUnder(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /** Names and contents, so a changed class anywhere is a new runtime and an unchanged one is found again. */
    private static String hash(List<Path> entries) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
        byte[] buffer = new byte[1 << 16];
        for (int i = 0; i < entries.size(); i++) {
            Path entry = entries.get(i);
            List<Path> files = Files.isDirectory(entry) ? filesUnder(entry) : List.of(entry);
            for (Path file : files) {
                sha.update((i + "/" + entry.relativize(file) + "\0").getBytes(StandardCharsets.UTF_8));
                try (InputStream in = Files.newInputStream(file)) {
                    for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                        sha.update(buffer, 0, n);
                    }
                }
            }
        }
        return HexFormat.of().formatHex(sha.digest()).substring(0, 32);
    }

    private static String cacheRoot() {
        return System.getProperty(CACHE_PROPERTY, DEFAULT_CACHE);
    }
}
