package io.garrison.cli;

import io.garrison.engine.JobLog;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Names on stderr the joblog rows {@code --resume} or {@code --retry-failed} could not read: a damaged joblog never stops a run, but the
 * user learns which rows were ignored. A binary tail can hold thousands of "rows", so only the first few are
 * named, then a count. Main thread.
 */
final class JoblogWarnings {

    static final int NAMED = 10;

    private JoblogWarnings() {
    }

    /** Warns about each ignored row in the words of {@code key}: what ignoring it means to this run. */
    static void warn(List<JobLog.DamagedRow> ignored, Path joblog, PrintStream err, String key) {
        for (JobLog.DamagedRow row : ignored.subList(0, Math.min(NAMED, ignored.size()))) {
            err.println(CliText.get(key, String.valueOf(joblog), String.valueOf(row.line()),
                    CliText.get("cli.run.joblogDamage." + row.damage().name())));
        }
        if (ignored.size() > NAMED) {
            err.println(CliText.get("cli.run.joblogMoreIgnored", String.valueOf(joblog),
                    String.valueOf(ignored.size() - NAMED)));
        }
    }
}
