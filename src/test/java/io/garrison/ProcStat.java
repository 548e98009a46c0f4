package io.garrison;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Numeric fields of Linux's /proc/PID/stat, for tests that check how a worker process runs. */
public final class ProcStat {

    private ProcStat() {
    }

    /** Field {@code field}, counted from 1 as proc(5) does; the command, field 2, may hold spaces. */
    public static int field(long pid, int field) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] afterCommand = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(afterCommand[field - 3]);
    }
}
