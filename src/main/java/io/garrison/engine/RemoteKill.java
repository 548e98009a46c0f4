package io.garrison.engine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Kill -9 of a worker on another host, sent there over its own kind of connection: {@code kill -9 PID} runs on
 * that host. A PID names a process only on its host, so nothing of this machine is ever signalled by it. When
 * the kill cannot be sent (the host does not answer), the worker's connection is cut instead: the worker then
 * reads the end of its input and leaves.
 */
final class RemoteKill {

    private RemoteKill() {
    }

    /** Sends the kill without waiting: the pool's lock is held, and a login can take seconds. */
    static void of(Worker worker) {
        List<String> command = new ArrayList<>(worker.host().prefix());
        command.add("kill -9 " + worker.pid());
        try {
            Process kill = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).redirectInput(ProcessBuilder.Redirect.PIPE).start();
            kill.getOutputStream().close();
            kill.onExit().thenAccept(ended -> {
                if (ended.exitValue() != 0) {
                    worker.tree().kill();
                }
            });
        } catch (IOException cannotStart) {
            worker.tree().kill();
        }
    }
}
