package io.garrison.shared;

/** Whether an OS process still runs: the test that lets a lock or a file of a dead owner be reclaimed. */
final class ProcessLiveness {

    private ProcessLiveness() {
    }

    static long currentPid() {
        return ProcessHandle.current().pid();
    }

    static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
