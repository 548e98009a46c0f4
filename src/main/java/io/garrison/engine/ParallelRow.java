package io.garrison.engine;

/**
 * One row of a joblog in GNU parallel's format, written as parallel 20221122 writes it ({@code print_joblog}:
 * Starttime {@code %.3f}, JobRuntime {@code %10.3f}, newlines in the command as NUL) and read as parallel's
 * {@code --resume-failed} and {@code --retry-failed} read it: a row succeeded when Exitval and Signal are both 0.
 * Any thread.
 */
record ParallelRow(int seq, int exitval, int signal, String command) {

    boolean succeeded() {
        return exitval == 0 && signal == 0;
    }

    /** The row's text with its line end. */
    /** @param host as parallel names it: {@code :} for this machine, else the login's host */
    static String format(int seq, String host, long startMs, long runtimeMs, long receivedBytes, int exitval,
                         int signal, String command) {
        return seq + "\t" + host + "\t" + seconds(startMs) + "\t" + String.format("%10s", seconds(runtimeMs))
                + "\t0\t" + receivedBytes + "\t" + exitval + "\t" + signal + "\t" + command.replace('\n', '\0')
                + System.lineSeparator();
    }

    /** Milliseconds as seconds with three decimals, from integers: no locale, no rounding. */
    private static String seconds(long ms) {
        long whole = Math.floorDiv(ms, 1000);
        long fraction = Math.floorMod(ms, 1000);
        return whole + "." + (fraction < 10 ? "00" : fraction < 100 ? "0" : "") + fraction;
    }

    /**
     * Exitval of a task that failed for {@code cause}. A task killed by Garrison (a timeout, a halt now) gets
     * -1, as parallel gives a job it killed; one that died by a signal under a dying worker gets 0 beside its
     * Signal, as {@code $? >> 8} gives; one that never reached a worker gets -1. Never 0 together with a Signal
     * of 0: that would read as success.
     */
    static int exitval(FailureCause cause, int exitValue) {
        int signal = signal(cause, exitValue);
        if (signal != 0) {
            return cause == FailureCause.WORKER_DIED ? 0 : -1;
        }
        return exitValue == 0 ? -1 : exitValue;
    }

    /**
     * The signal that ended the task's process, when the engine knows one: its worker's death by signal N
     * (the JDK's exit value 128 + N) under a timeout, a halt now or a crash. A command's own exit value is
     * never read as a signal: the JDK reports a command killed by signal N and one that exited 128 + N alike,
     * and so does the shell parallel runs a job in.
     */
    static int signal(FailureCause cause, int exitValue) {
        boolean killedWithWorker = cause == FailureCause.TIMED_OUT || cause == FailureCause.HALTED_WHILE_RUNNING
                || cause == FailureCause.WORKER_DIED;
        return killedWithWorker && exitValue > 128 && exitValue < 128 + 65 ? exitValue - 128 : 0;
    }

    /**
     * The row in {@code text} (no line end), or null when it is not one: nine tab-separated fields whose Seq,
     * Exitval and Signal are whole numbers. The command loses its leading white space and gets its newlines
     * back, as parallel's {@code --retry-failed} reads it.
     */
    static ParallelRow parse(String text) {
        String[] fields = text.split("\t", 9);
        if (fields.length != 9) {
            return null;
        }
        try {
            int seq = Integer.parseInt(fields[0]);
            int exitval = Integer.parseInt(fields[6].strip());
            int signal = Integer.parseInt(fields[7].strip());
            if (seq < 1 || !fields[0].chars().allMatch(Character::isDigit)) {
                return null;
            }
            return new ParallelRow(seq, exitval, signal, fields[8].stripLeading().replace('\0', '\n'));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
