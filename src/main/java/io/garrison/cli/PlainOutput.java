package io.garrison.cli;

import io.garrison.engine.FailureCause;
import io.garrison.engine.PoolEvent;
import io.garrison.engine.PoolListener;
import io.garrison.engine.SucceededTasks;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Output without {@code --json}, like GNU parallel's default: each task's result, or for a command its whole
 * captured output, printed in one piece when the task ends, so outputs of parallel tasks never interleave.
 * Failures go to stderr as {@code line N: reason}. Tasks that never started because the run ended early (a
 * {@code --halt}, a closed output, an interrupt) are counted instead, and each reason is printed once when the
 * run finishes, with how many tasks it left unrun: a halted million-line list printed a line for every one of
 * them, where GNU parallel prints none. {@code --json} and {@code --joblog} still tell of each task. Downloads
 * that {@code --no-clobber} did not fetch print their file's name as any other, and are counted on stderr at the
 * end.
 *
 * <p>With {@code --tag}, as with parallel's, every line a task prints starts with its input and a TAB, a last
 * line without a newline too; the reasons on stderr are Garrison's own words and are not tagged.
 *
 * <p>Text is encoded here into a buffer of its own rather than through a {@code Writer}: a writer copies each
 * result into chars and encodes them back, two passes and two compilations that a million results pay for on
 * the event thread, and a {@code BufferedOutputStream} takes a lock on every call.
 */
final class PlainOutput implements PoolListener {

    private final OutputStream out;
    private final PrintStream err;
    private final boolean printOutputs;
    private final boolean tagged;
    private final byte[] pending = new byte[1 << 16];
    private int pendingLength;
    /** Tasks that never started, by reason, in the order the reasons came, with the first such task's line. */
    private final Map<String, NotRun> notRun = new LinkedHashMap<>();
    /** Downloads not fetched because their files were already there ({@code --no-clobber}). */
    private int alreadyThere;

    private static final class NotRun {
        int firstLine = Integer.MAX_VALUE;
        int count;

        void add(int line) {
            // Tasks a worker held but had not started are failed after the queue's: the lowest line, not the first.
            firstLine = Math.min(firstLine, line);
            count++;
        }
    }

    /** @param out written in large pieces, and flushed whenever the engine has no more events waiting */
    PlainOutput(OutputStream out, PrintStream err, boolean printOutputs) {
        this(out, err, printOutputs, false);
    }

    /** @param tagged whether each printed line starts with its task's input and a TAB ({@code --tag}) */
    PlainOutput(OutputStream out, PrintStream err, boolean printOutputs, boolean tagged) {
        this.out = out;
        this.err = err;
        this.printOutputs = printOutputs;
        this.tagged = tagged;
    }

    @Override
    public boolean wantsTaskStarts() {
        return false;
    }

    @Override
    public boolean wantsSucceededInputs() {
        return tagged;
    }

    @Override
    public void onEvent(PoolEvent event) {
        try {
            if (event instanceof PoolEvent.TaskSucceeded done) {
                if (done.alreadyThere()) {
                    alreadyThere++;
                }
                if (printOutputs) {
                    write(done.input(), done.output(), false);
                } else {
                    write(done.input(), done.result(), true);
                }
            } else if (event instanceof PoolEvent.TaskFailed failed && failed.notRun()) {
                notRun.computeIfAbsent(failed.error(), reason -> new NotRun()).add(failed.line());
            } else if (event instanceof PoolEvent.TaskFailed failed && !failed.willRetry()) {
                if (printOutputs && !failed.output().isEmpty()) {
                    write(failed.input(), failed.output(), false);
                }
                flush();
                err.println(failed.cause() == FailureCause.INVALID_LINE ? failed.error() : atLine(failed.line(), failed.error()));
            } else if (event instanceof PoolEvent.RunFinished) {
                try {
                    flush();
                } finally {
                    printNotRun();
                    printAlreadyThere();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs carry no inputs, which a tagged output needs. */
    @Override
    public boolean wantsSucceededRuns() {
        return !tagged;
    }

    @Override
    public void onSucceededRun(SucceededTasks run) {
        if (printOutputs) {
            // Only quiet tasks come in runs: a command that printed nothing has nothing to show.
            return;
        }
        try {
            for (int i = 0; i < run.count(); i++) {
                write(run.result(i), true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void onIdle() {
        try {
            flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void printNotRun() {
        for (Map.Entry<String, NotRun> reason : notRun.entrySet()) {
            NotRun tasks = reason.getValue();
            err.println(tasks.count == 1 ? atLine(tasks.firstLine, reason.getKey())
                    : CliText.get("cli.notRun", String.valueOf(tasks.count), String.valueOf(tasks.firstLine),
                    reason.getKey()));
        }
        notRun.clear();
    }

    private void printAlreadyThere() {
        if (alreadyThere > 0) {
            err.println(CliText.get("cli.alreadyThere", String.valueOf(alreadyThere)));
            alreadyThere = 0;
        }
    }

    private static String atLine(int line, String reason) {
        return "line " + line + ": " + reason;
    }

    private void write(String input, String text, boolean asLine) throws IOException {
        if (tagged) {
            write(tagLines(input, asLine ? text + "\n" : text), false);
        } else {
            write(text, asLine);
        }
    }

    /** Each line of {@code text}, the last one even without a newline, after {@code input} and a TAB. */
    static String tagLines(String input, String text) {
        StringBuilder tagged = new StringBuilder(text.length() + input.length() + 1);
        int start = 0;
        while (start < text.length()) {
            int newline = text.indexOf('\n', start);
            int end = newline < 0 ? text.length() : newline + 1;
            tagged.append(input).append('\t').append(text, start, end);
            start = end;
        }
        return tagged.toString();
    }

    private void write(String text, boolean asLine) throws IOException {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        int length = utf8.length + (asLine ? 1 : 0);
        if (length > pending.length - pendingLength) {
            writePending();
            if (length > pending.length) {
                out.write(utf8);
                if (asLine) {
                    out.write('\n');
                }
                return;
            }
        }
        System.arraycopy(utf8, 0, pending, pendingLength, utf8.length);
        pendingLength += utf8.length;
        if (asLine) {
            pending[pendingLength++] = '\n';
        }
    }

    private void writePending() throws IOException {
        if (pendingLength > 0) {
            out.write(pending, 0, pendingLength);
            pendingLength = 0;
        }
    }

    private void flush() throws IOException {
        writePending();
        out.flush();
    }
}
