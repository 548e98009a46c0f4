package io.garrison.engine;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One ssh connection to a host that the workers' own ssh commands share (OpenSSH's ControlMaster): a worker's
 * login then costs a channel on a connection already made, not a key exchange and a signature each, which a
 * lab PC feels when twenty workers start at once. The master is a child of the pool's process with a remote
 * {@code cat} reading its stdin: when the pool ends, or its process dies, the end of that input ends the
 * master, and it leaves once the workers' sessions on it have closed. Without it (it could not start, or the
 * platform has no Unix sockets) each worker logs in on its own, as {@code ControlMaster=no} allows.
 */
final class SshMaster implements AutoCloseable {

    /** Waited for the master's socket: a login on a loaded machine takes seconds. */
    private static final long READY_WITHIN_MS = 20_000;
    private static final String WORKERS_SHARE = "ControlMaster=no";
    private static final String MASTER = "ControlMaster=yes";

    private final Process process;

    private SshMaster(Process process) {
        this.process = process;
    }

    /**
     * The options that have a host's ssh commands share one master's connection through a socket in a folder
     * of this process; empty where that cannot be (Windows, or no short temporary folder).
     */
    static List<String> sharingOptions() {
        Path folder = ControlFolder.get();
        if (folder == null) {
            return List.of();
        }
        return List.of("-o", WORKERS_SHARE, "-o", "ControlPath=" + folder + "/%C");
    }

    /**
     * Starts the master connection for the ssh words {@code prefix} (which end with the login and {@code --}),
     * when they share one, with {@code services} of this machine forwarded to the same ports on the host's
     * 127.0.0.1, and waits until it is ready. Null when the prefix shares none or the master could
     * not be started: the workers then log in on their own.
     */
    static SshMaster startFor(List<String> prefix, List<InetSocketAddress> services) {
        int at = prefix.indexOf(WORKERS_SHARE);
        if (at < 0) {
            return null;
        }
        List<String> command = new ArrayList<>(prefix);
        command.set(at, MASTER);
        List<String> forwards = new ArrayList<>();
        for (InetSocketAddress service : services) {
            forwards.addAll(List.of("-R", "127.0.0.1:" + service.getPort() + ":" + service.getHostString() + ":"
                    + service.getPort()));
        }
        // Before the login, which with "--" ends ssh's own options.
        command.addAll(command.size() - 2, forwards);
        command.add("cat > /dev/null");
        List<String> check = new ArrayList<>(prefix.subList(0, prefix.size() - 2));
        check.addAll(List.of("-O", "check", prefix.get(prefix.size() - 2)));
        Process process = null;
        try {
            process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READY_WITHIN_MS);
            while (process.isAlive() && System.nanoTime() - deadline < 0) {
                Process probe = new ProcessBuilder(check).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
                if (probe.waitFor(5, TimeUnit.SECONDS) && probe.exitValue() == 0) {
                    return new SshMaster(process);
                }
                probe.destroyForcibly();
                // The socket appears once the login is done; asking again at once would only spin.
                process.waitFor(100, TimeUnit.MILLISECONDS);
            }
        } catch (IOException e) {
            // No master: each worker logs in on its own.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (process != null) {
            process.destroyForcibly();
        }
        return null;
    }

    /** Ends the master's input: it leaves once the workers' sessions on it have closed. */
    @Override
    public void close() {
        try {
            OutputStream stdin = process.getOutputStream();
            stdin.close();
        } catch (IOException alreadyGone) {
            // The master has ended already.
        }
    }

    /** A folder of this process for the masters' sockets, short enough for a Unix socket's path. */
    private static final class ControlFolder {

        /** A socket path has room for about 100 bytes; %C takes 40. */
        private static final int LONGEST_FOLDER = 50;
        private static final Path FOLDER = create();

        static Path get() {
            return FOLDER;
        }

        private static Path create() {
            if (System.getProperty("os.name").startsWith("Windows") || !Files.isDirectory(Path.of("/tmp"))) {
                return null;
            }
            try {
                Path folder = Files.createTempDirectory(Path.of("/tmp"), "garrison-ssh-",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                folder.toFile().deleteOnExit();
                return folder.toString().length() <= LONGEST_FOLDER ? folder : null;
            } catch (IOException | UnsupportedOperationException e) {
                return null;
            }
        }
    }
}
