package io.garrison.engine;

import java.util.List;
import java.util.Objects;

/**
 * Where some of a pool's workers run, and how they are started there: on this machine, on another through the
 * system's {@code ssh} (the user's keys, agent, {@code ~/.ssh/config} and known hosts, as GNU parallel uses
 * them), or through any command that forwards stdin and stdout to a program it starts ({@code srun -n1 -u},
 * {@code docker exec -i NAME}). A worker only speaks over its stdin and stdout, so any of them carries it.
 *
 * @param name     how events and the picture name the host ({@link WorkerId#LOCAL} for this machine)
 * @param workers  how many workers run there
 * @param prefix   the words before the worker's own command: empty on this machine, the ssh command and login
 *                 for another host, the launcher's words for a launcher
 * @param remote   whether the worker runs on another machine, with its own files: its runtime is copied there
 *                 and its command is quoted for the remote shell
 */
public record WorkerHost(String name, int workers, List<String> prefix, boolean remote) {

    public WorkerHost {
        Objects.requireNonNull(name, "name");
        prefix = List.copyOf(prefix);
        if (workers < 1) {
            throw new IllegalArgumentException("a host needs at least one worker: " + name);
        }
    }

    /** Workers on this machine. */
    public static WorkerHost local(int workers) {
        return new WorkerHost(WorkerId.LOCAL, workers, List.of(), false);
    }

    /**
     * Workers on another machine, started with {@code ssh} in batch mode (keys only: a password prompt would
     * hang a pool) with keep-alives, so a host that goes away is noticed within about 20 s, and sharing one
     * connection per host and pool where the platform allows (see {@link SshMaster}).
     *
     * @param ssh   the ssh command and its own options, e.g. {@code [ssh]} or {@code [ssh, -F, config]}
     * @param login {@code [user@]host}
     * @param port    the port, or 0 for ssh's own choice
     * @param workers how many; 0 asks the host for its number of processors over a first login (as GNU
     *                parallel does), and takes 1 when it cannot say
     */
    public static WorkerHost ssh(List<String> ssh, String login, int port, int workers) {
        List<String> prefix = new java.util.ArrayList<>(ssh);
        prefix.addAll(List.of("-o", "BatchMode=yes", "-o", "ConnectTimeout=10", "-o", "ServerAliveInterval=5",
                "-o", "ServerAliveCountMax=4"));
        prefix.addAll(SshMaster.sharingOptions());
        prefix.add("-T");
        if (port > 0) {
            prefix.addAll(List.of("-p", Integer.toString(port)));
        }
        prefix.add(login);
        prefix.add("--");
        int count = workers > 0 ? workers : Math.max(1, RemoteRuntime.processorsOn(prefix));
        return new WorkerHost(hostOf(login), count, prefix, true);
    }

    /** Workers started through a command that forwards stdio, on a machine that shares this one's files. */
    public static WorkerHost launcher(String name, List<String> launcher, int workers) {
        return new WorkerHost(name, workers, launcher, false);
    }

    /** The host of a login: {@code lab} of {@code ann@lab}. */
    static String hostOf(String login) {
        return login.substring(login.indexOf('@') + 1);
    }
}
