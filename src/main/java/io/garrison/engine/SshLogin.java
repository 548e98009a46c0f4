package io.garrison.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One place where workers run, as GNU parallel's {@code -S} and {@code --sshloginfile} name it:
 * {@code [N/][user@]host[:port]}, or {@code :} for this machine. Read by the command line and by the desktop
 * app's hosts file alike, so one line means the same in both.
 *
 * @param workers how many workers run there; null when the login does not say (the caller's default applies)
 * @param login   {@code [user@]host}, or {@link WorkerId#LOCAL} for this machine
 * @param port    the ssh port, or 0 for ssh's own choice
 */
public record SshLogin(Integer workers, String login, int port) {

    private static final Pattern LOGIN = Pattern.compile("(?:(\\d{1,4})/)?((?:[^@\\s/:]+@)?[^@\\s/:]+|:)(?::(\\d{1,5}))?");

    /** Why a login cannot be read. */
    public enum Problem {
        /** Not {@code [N/][user@]host[:port]}. */
        MALFORMED,
        /** {@code 0/host}: a host needs at least one worker. */
        NO_WORKERS
    }

    /** A login that was read, or why it could not be. Exactly one of the two is set. */
    public record Reading(SshLogin login, Problem problem) {
    }

    /**
     * A line of a login file that could not be read.
     *
     * @param line    its number, from 1
     * @param text    the line as written
     * @param problem why
     */
    public record BadLine(int line, String text, Problem problem) {
    }

    /**
     * The logins of a login file's lines, and the lines that are not logins. Blank lines and {@code #} comments
     * are neither.
     */
    public record FileReading(List<SshLogin> logins, List<BadLine> bad) {

        public FileReading {
            logins = List.copyOf(logins);
            bad = List.copyOf(bad);
        }
    }

    /** Reads one login; surrounding blanks do not count. */
    public static Reading read(String text) {
        Matcher parts = LOGIN.matcher(text.strip());
        if (!parts.matches()) {
            return new Reading(null, Problem.MALFORMED);
        }
        Integer count = parts.group(1) == null ? null : Integer.valueOf(parts.group(1));
        if (count != null && count < 1) {
            return new Reading(null, Problem.NO_WORKERS);
        }
        int port = parts.group(3) == null ? 0 : Integer.parseInt(parts.group(3));
        return new Reading(new SshLogin(count, parts.group(2), port), null);
    }

    /** Reads a login file's lines: one login a line, {@code #} comments, blank lines skipped. */
    public static FileReading readLines(List<String> lines) {
        List<SshLogin> logins = new ArrayList<>();
        List<BadLine> bad = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Reading reading = read(line);
            if (reading.login() != null) {
                logins.add(reading.login());
            } else {
                bad.add(new BadLine(i + 1, line, reading.problem()));
            }
        }
        return new FileReading(logins, bad);
    }

    /** The login, or empty when it cannot be read: the command line names the login at fault, whatever the reason. */
    public static Optional<SshLogin> parse(String text) {
        return Optional.ofNullable(read(text).login());
    }

    public boolean isLocal() {
        return WorkerId.LOCAL.equals(login);
    }

    /**
     * The host it names. Any thread; an ssh host without a worker count and without {@code defaultWorkers} asks
     * the host for its processors over a first login, which blocks.
     *
     * @param ssh            the ssh command and its own options, e.g. {@code [ssh]}
     * @param defaultWorkers the workers of a login that does not say, or null for the host's processors
     */
    public WorkerHost toHost(List<String> ssh, Integer defaultWorkers) {
        Integer count = workers != null ? workers : defaultWorkers;
        if (isLocal()) {
            return WorkerHost.local(count != null ? count : Runtime.getRuntime().availableProcessors());
        }
        return WorkerHost.ssh(ssh, login, port, count == null ? 0 : count);
    }
}
