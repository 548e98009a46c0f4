package io.garrison.engine;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The two layouts a joblog can have; a file's first line says which it is (decision 0022). Garrison's own is
 * the default and its columns are a contract for scripts; GNU parallel's is written so that parallel's
 * {@code --resume-failed} and {@code --retry-failed} can read it, and read so that Garrison can resume from
 * parallel's.
 */
public enum JoblogFormat {
    /** {@code seq line pid start_ms runtime_ms status exitval error input}. */
    GARRISON(List.of("seq", "line", "pid", "start_ms", "runtime_ms", "status", "exitval", "error", "input")),
    /** GNU parallel's {@code Seq Host Starttime JobRuntime Send Receive Exitval Signal Command}. */
    PARALLEL(List.of("Seq", "Host", "Starttime", "JobRuntime", "Send", "Receive", "Exitval", "Signal", "Command"));

    private final List<String> columns;

    JoblogFormat(List<String> columns) {
        this.columns = columns;
    }

    public List<String> columns() {
        return columns;
    }

    String header() {
        return String.join("\t", columns) + System.lineSeparator();
    }

    /** The header with columns added at the end, which only Garrison's format may have. */
    String headerWith(String... more) {
        return String.join("\t", columns) + "\t" + String.join("\t", more) + System.lineSeparator();
    }

    /** The format whose header {@code firstLine} is (without its line end), if any. */
    static Optional<JoblogFormat> ofHeader(String firstLine) {
        List<String> names = Arrays.asList(firstLine.split("\t", -1));
        // Later versions of Garrison may add columns at the end; the first ones never change. Parallel's are fixed.
        if (names.size() >= GARRISON.columns.size() && names.subList(0, GARRISON.columns.size()).equals(GARRISON.columns)) {
            return Optional.of(GARRISON);
        }
        return names.equals(PARALLEL.columns) ? Optional.of(PARALLEL) : Optional.empty();
    }
}
