package io.garrison.python;

import io.garrison.task.ProcessGroups;
import java.util.List;
import java.util.Optional;

/**
 * The script's process and everything it started: on Linux a process group of its own (started under
 * {@code setsid}, decision 0021), so that the script and all its Python workers are signalled together, also those
 * already re-parented to init. Elsewhere its descendants, as far as they can still be found. The one owner of the
 * script's process: only this class signals it. Any thread.
 */
final class ScriptGroup {

    private final Process process;
    private final boolean ownGroup;

    ScriptGroup(Process process, boolean ownGroup) {
        this.process = process;
        this.ownGroup = ownGroup;
    }

    Process process() {
        return process;
    }

    /** Asks the script and its workers to stop (SIGTERM to the group). */
    void terminate() {
        signal("TERM");
    }

    /** Kills the script and its workers (SIGKILL to the group); after the script's end, whatever is left of it. */
    void kill() {
        signal("KILL");
    }

    private void signal(String name) {
        if (ownGroup) {
            ProcessGroups.killWithProgram(List.of(process.pid()), name);
            return;
        }
        boolean force = name.equals("KILL");
        process.descendants().forEach(p -> {
            if (force) {
                p.destroyForcibly();
            } else {
                p.destroy();
            }
        });
        if (force) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
    }

    /**
     * Kills {@code pid} with SIGKILL if it is a live descendant of the script (a worker), and nothing else.
     *
     * @return whether it was signalled
     */
    boolean killDescendant(long pid) {
        Optional<ProcessHandle> found = process.descendants().filter(p -> p.pid() == pid).findFirst();
        return found.isPresent() && found.get().isAlive() && found.get().destroyForcibly();
    }
}
