package io.garrison.engine;

import io.garrison.protocol.MessageType;

/**
 * Words for how a worker process ended, e.g. {@code killed by signal 9 (SIGKILL)} or {@code exit code 3}, and why,
 * when the status is one a worker leaves with of its own accord.
 */
final class ExitDescriptions {

    private static final String[] SIGNAL_NAMES = {null, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP",
        "SIGABRT", "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM"};

    private ExitDescriptions() {
    }

    /** The JDK reports death by signal N as exit value 128 + N on Unix. */
    static String describe(int exitCode) {
        boolean windows = System.getProperty("os.name").startsWith("Windows");
        if (!windows && exitCode > 128 && exitCode < 128 + 65) {
            int signal = exitCode - 128;
            String name = signal < SIGNAL_NAMES.length ? " (" + SIGNAL_NAMES[signal] + ")" : "";
            return "killed by signal " + signal + name;
        }
        if (exitCode == MessageType.PARENT_SILENT_EXIT_STATUS) {
            return "exit code " + exitCode + ": it heard nothing from the pool for too long";
        }
        return "exit code " + exitCode;
    }
}
