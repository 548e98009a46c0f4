package io.garrison.task;

import java.io.File;
import java.io.IOException;

/**
 * This process's PID, for a worker's first message and its temporary file names. {@code ProcessHandle.current()}
 * would do, but its class sets up a thread pool and the JDK's lambda machinery on first use, paid by every worker
 * of every pool before it can say it is ready (decision 0016). On Linux {@code /proc/self} names the PID for the price of one system
 * call; elsewhere, or if that fails, the JDK's way.
 */
public final class OwnPid {

    private OwnPid() {
    }

    public static long get() {
        File self = new File("/proc/self");
        if (self.isDirectory()) {
            try {
                return Long.parseLong(self.getCanonicalFile().getName());
            } catch (IOException | NumberFormatException e) {
                // not the /proc we know: fall through
            }
        }
        return ProcessHandle.current().pid();
    }
}
