package io.garrison.ui.hosts;

import io.garrison.engine.SshLogin;
import io.garrison.engine.WorkerHost;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * The desktop app's list of hosts its pools run on, in the format of the command line's {@code --sshloginfile}:
 * one login a line, {@code [N/][user@]host[:port]}, {@code :} for this PC, {@code #} comments. An empty or absent
 * file means this PC only. It lives in the user's configuration folder ({@code $XDG_CONFIG_HOME/garrison/hosts},
 * else {@code ~/.config/garrison/hosts}): a file, not a preference, so the same list serves
 * {@code garrison run --sshloginfile}.
 *
 * <p>Any thread; reading and writing touch the disk.
 *
 * @param path the file
 * @param ssh  the ssh command and its own options the hosts are reached with, as the command line's {@code --ssh}
 */
public record HostsFile(Path path, List<String> ssh) {

    public HostsFile {
        ssh = List.copyOf(ssh);
    }

    /** Hosts reached with the system's plain {@code ssh}. */
    public HostsFile(Path path) {
        this(path, List.of("ssh"));
    }

    /** The user's hosts file, whether or not it exists yet. */
    public static HostsFile forUser() {
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path config = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return new HostsFile(config.resolve("garrison").resolve("hosts"));
    }

    /** The file's text; empty when there is no file yet. */
    public String text() throws IOException {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return "";
        }
    }

    /** Writes {@code text}, making the folder if need be. */
    public void save(String text) throws IOException {
        Files.createDirectories(path.toAbsolutePath().getParent());
        Files.writeString(path, text.endsWith("\n") || text.isEmpty() ? text : text + "\n", StandardCharsets.UTF_8);
    }

    /** The logins it holds and its lines that are not logins. */
    public SshLogin.FileReading read() throws IOException {
        return read(text());
    }

    /**
     * The hosts it names, each without a count of its own given {@code defaultWorkers}; bad lines left out.
     * Blocks while an ssh host without a count is asked for its processors.
     */
    public List<WorkerHost> hosts(SshLogin.FileReading reading, int defaultWorkers) {
        return reading.logins().stream().map(login -> login.toHost(ssh, defaultWorkers)).toList();
    }

    /** The logins of {@code text} as the file would hold them, and its lines that are not logins. */
    public static SshLogin.FileReading read(String text) {
        return SshLogin.readLines(List.of(text.split("\n", -1)));
    }
}
