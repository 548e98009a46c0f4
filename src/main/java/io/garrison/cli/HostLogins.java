package io.garrison.cli;

import io.garrison.engine.SshLogin;
import io.garrison.engine.WorkerHost;
import io.garrison.task.ShellWords;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * GNU parallel's way of naming where workers run: {@code -S [N/][user@]host[:port]} (repeatable; {@code :} is
 * this machine; N the workers there, else {@code -p}, else the host's processors), {@code --sshloginfile FILE}
 * (one login a line, {@code #} comments), {@code --ssh CMD}; and {@code --launcher CMD} for any command that
 * forwards stdio. Main thread.
 */
final class HostLogins {

    private HostLogins() {
    }

    /**
     * The hosts the options name, or null when they name none (the pool stays on this machine).
     *
     * @throws IllegalArgumentException with the words to print, naming the login or line at fault
     */
    static List<WorkerHost> of(List<String> logins, Path loginFile, String ssh, String launcher, Integer pool) {
        List<String> all = new ArrayList<>(logins == null ? List.of() : logins);
        if (loginFile != null) {
            all.addAll(readLoginFile(loginFile));
        }
        List<WorkerHost> hosts = new ArrayList<>();
        if (launcher != null) {
            hosts.add(WorkerHost.launcher("launcher", words(launcher, "--launcher"),
                    pool != null ? pool : Runtime.getRuntime().availableProcessors()));
        }
        List<String> sshWords = ssh == null ? List.of("ssh") : words(ssh, "--ssh");
        for (String login : all) {
            SshLogin parsed = SshLogin.parse(login)
                    .orElseThrow(() -> new IllegalArgumentException(CliText.get("cli.run.badLogin", login)));
            hosts.add(parsed.toHost(sshWords, pool));
        }
        return hosts.isEmpty() ? null : hosts;
    }

    private static List<String> words(String command, String option) {
        List<String> words;
        try {
            words = ShellWords.split(command);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(CliText.get("cli.run.badCommandOption", option, e.getMessage()));
        }
        if (words.isEmpty()) {
            throw new IllegalArgumentException(CliText.get("cli.run.badCommandOption", option, "\"" + command + "\""));
        }
        return words;
    }

    private static List<String> readLoginFile(Path file) {
        List<String> logins = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String login = line.strip();
                if (!login.isEmpty() && !login.startsWith("#")) {
                    logins.add(login);
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(CliText.get("cli.run.cannotReadLogins", file, RunCommand.reason(e)));
        }
        return logins;
    }
}
