package io.garrison.cli;

import io.garrison.engine.HaltReason;
import io.garrison.engine.PoolListener;
import io.garrison.engine.ProcessPool;
import io.garrison.engine.TaskRun;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What {@code --keep-order}, {@code --tag} and {@code --results DIR} make of the run's output (decision 0023):
 * checks them together, then builds the plain output they shape and the results writer. With {@code --results}
 * the outputs go to the files and not to stdout, as in parallel; the reasons of failures still go to stderr.
 *
 * <p>Threading: built and asked on the thread that starts the run; {@link #resultsLost()} is read after it.
 */
final class OutputOptions {

    /** What {@code --results} may not name, since parallel gives those names another meaning. */
    private static final Pattern PARALLELS_OTHER_FORMS = Pattern.compile(".*(\\.csv|\\.tsv|\\.json)$|.*\\{.*}.*",
            Pattern.DOTALL);

    private final boolean keepOrder;
    private final boolean tag;
    private final Path results;
    private KeptOrder kept;
    private volatile boolean resultsLost;

    private OutputOptions(boolean keepOrder, boolean tag, Path results) {
        this.keepOrder = keepOrder;
        this.tag = tag;
        this.results = results;
    }

    /**
     * The options, checked, with the results folder made.
     *
     * @throws IllegalArgumentException saying why they cannot be used
     */
    static OutputOptions of(boolean keepOrder, boolean tag, Path results, boolean json) {
        if (json && keepOrder) {
            throw new IllegalArgumentException(CliText.get("cli.run.keepOrderWithJson"));
        }
        if (json && tag) {
            throw new IllegalArgumentException(CliText.get("cli.run.tagWithJson"));
        }
        if (results != null) {
            if (PARALLELS_OTHER_FORMS.matcher(results.toString().toLowerCase(Locale.ROOT)).matches()) {
                throw new IllegalArgumentException(CliText.get("cli.run.resultsFormNotOffered", results));
            }
            if (Files.exists(results) && !Files.isDirectory(results)) {
                throw new IllegalArgumentException(CliText.get("cli.run.resultsIsAFile", results));
            }
            try {
                Files.createDirectories(results);
            } catch (IOException e) {
                throw new IllegalArgumentException(CliText.get("cli.run.cannotMakeResults", results, RunCommand.reason(e)));
            }
        }
        return new OutputOptions(keepOrder, tag, results);
    }

    /** Whether the pool must put each succeeded task's input in its event. */
    boolean needsInputs() {
        return tag || results != null;
    }

    /** The plain output (without {@code --json}), shaped by the options. */
    PoolListener plainOutput(OutputStream stdout, PrintStream err, boolean printOutputs) {
        PoolListener plain = new PlainOutput(results == null ? stdout : OutputStream.nullOutputStream(), err,
                printOutputs, tag);
        if (!keepOrder) {
            return plain;
        }
        kept = new KeptOrder(plain);
        return kept;
    }

    /** Adds the results writer, if any, to {@code listeners}; a file it cannot write stops the run. */
    void addResultsWriter(List<PoolListener> listeners, ProcessPool pool, PrintStream err, boolean printOutputs) {
        if (results == null) {
            return;
        }
        listeners.add(new ResultsDirectory(results, printOutputs, (file, e) -> {
            resultsLost = true;
            err.println(CliText.get("cli.run.cannotWriteResults", file, RunCommand.reason(e)));
            pool.halt(new HaltReason("the results could not be written"), false);
        }));
    }

    /** The run's skip, watched by the kept order when there is one: tasks it skips are not waited for. */
    TaskRun.Skip watching(TaskRun.Skip skip) {
        return kept == null ? skip : kept.watching(skip);
    }

    /** Whether a task's results could not be written: the run then did not do all it was asked. */
    boolean resultsLost() {
        return resultsLost;
    }
}
