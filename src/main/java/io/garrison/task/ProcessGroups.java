package io.garrison.task;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Puts each command a worker runs into a process group of its own and kills that whole group when the command
 * ends, so that a background child ({@code sleep 600 &}) neither outlives its task nor holds the task's output
 * open. A child re-parented to init is no longer anyone's descendant, but it stays in its group.
 *
 * <p>Linux with {@code setsid}: the command starts as {@code setsid CMD...}; setsid makes the new session in the
 * process Java started and then execs the command, so the command's PID is its group's ID. Java cannot signal a
 * group, and a {@code kill} program per task would double the cost of a short command, so a {@code sh} started
 * once per worker kills groups with its built-in {@code kill}. When the worker dies, however it dies, that shell
 * reads end-of-file and kills the group of the command still running. Elsewhere commands start as before and
 * only their descendants can be found.
 *
 * <p>Used by the worker's task thread; {@link #killRunning()} from any thread.
 */
public final class ProcessGroups {

    /** Reads "run G" and "end G" lines; kills group G at "end" and answers, and on end-of-file kills the live one. */
    private static final String KILLER_SCRIPT = "trap '' INT TERM HUP; live=;"
            + " while read -r op g; do"
            + "  if [ \"$op\" = run ]; then live=$g; else kill -s KILL -- \"-$g\" 2>/dev/null; live=; echo; fi;"
            + " done;"
            + " [ -n \"$live\" ] && kill -s KILL -- \"-$live\" 2>/dev/null; exit 0";

    private static final ProcessGroups INSTANCE = new ProcessGroups(findSetsid());

    private final String setsid;
    /** The killer shell (volatile: {@link #killRunning()} reads it without the lock) and its pipes, guarded by this. */
    private volatile Process killer;
    private OutputStream toKiller;
    private BufferedReader fromKiller;

    ProcessGroups(String setsid) {
        this.setsid = setsid;
    }

    public static ProcessGroups get() {
        return INSTANCE;
    }

    /** Whether commands get a group of their own here. */
    public boolean available() {
        return setsid != null;
    }

    /** The argv that runs {@code argv} in a new process group whose ID is the PID of the process started. */
    public List<String> inOwnGroup(List<String> argv) {
        if (setsid == null) {
            return argv;
        }
        List<String> wrapped = new ArrayList<>(argv.size() + 1);
        wrapped.add(setsid);
        wrapped.addAll(argv);
        return wrapped;
    }

    /** Tells the killer shell which group runs now, so that the worker's death takes it along. */
    public synchronized void started(long group) {
        if (setsid == null) {
            return;
        }
        try {
            send("run " + group + "\n");
        } catch (IOException e) {
            // No killer shell: the group is still killed by the worker at the task's end.
            killer = null;
        }
    }

    /**
     * Kills every process left in {@code group} and returns once they are signalled. The command that led the
     * group has exited already: its group ID cannot have been reused while the group still had members.
     */
    public synchronized void kill(long group) {
        if (setsid == null) {
            return;
        }
        try {
            send("end " + group + "\n");
            if (fromKiller.readLine() != null) {
                return;
            }
        } catch (IOException e) {
            // fall through to a kill program of its own
        }
        killer = null;
        killWithProgram(List.of(group), "KILL");
    }

    /** Kills the group of the running command, if any; for a worker on its way out. */
    public void killRunning() {
        Process shell = killer;
        if (shell == null) {
            return;
        }
        // End-of-file makes the shell kill the live group; the stream is closed without the lock, which the task
        // thread may hold while it waits for an answer that would then never come.
        try {
            shell.getOutputStream().close();
            shell.waitFor(1, TimeUnit.SECONDS);
        } catch (IOException e) {
            // the shell is gone already
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void send(String line) throws IOException {
        if (killer == null || !killer.isAlive()) {
            killer = new ProcessBuilder("/bin/sh", "-c", KILLER_SCRIPT)
                    .redirectError(Redirect.DISCARD)
                    .start();
            toKiller = killer.getOutputStream();
            fromKiller = new BufferedReader(new InputStreamReader(killer.getInputStream(), StandardCharsets.US_ASCII));
        }
        toKiller.write(line.getBytes(StandardCharsets.US_ASCII));
        toKiller.flush();
    }

    /**
     * Sends {@code signal} to each group with a {@code kill} program: for the pool's parent, which kills groups
     * only when it kills a worker, and as a fallback. Best effort: a group already gone is no error.
     */
    public static void killWithProgram(List<Long> groups, String signal) {
        if (groups.isEmpty()) {
            return;
        }
        StringBuilder script = new StringBuilder("kill -s ").append(signal).append(" --");
        groups.forEach(g -> script.append(" -").append(g));
        try {
            Process kill = new ProcessBuilder("/bin/sh", "-c", script + " 2>/dev/null")
                    .redirectOutput(Redirect.DISCARD).redirectError(Redirect.DISCARD).start();
            kill.waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            // no shell: nothing more can be done from here
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The process group of {@code pid} as Linux tells it, or -1. Field 5 of {@code /proc/PID/stat}, counted after
     * the command name, which may itself hold spaces and parentheses.
     */
    public static long groupOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.ISO_8859_1);
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[2]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static String findSetsid() {
        if (!System.getProperty("os.name", "").startsWith("Linux")) {
            return null;
        }
        for (String candidate : List.of("/usr/bin/setsid", "/bin/setsid")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        return null;
    }
}
