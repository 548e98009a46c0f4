package io.garrison.task;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * One kind of work a worker knows how to do with a line of text as input.
 *
 * <p>{@link #validate} runs in the parent while the task list is read, so that a bad line fails at once
 * with its reason and never reaches a worker; {@link #execute} runs inside the worker process.
 */
public interface TaskKind {

    /** The name used on the command line and in the UI, e.g. {@code square}. */
    String name();

    /** Why this input cannot run, or empty when it can. Must be cheap: it runs for every line of a list. */
    Optional<String> validate(String input, TaskOptions options);

    /**
     * {@link #validate} for an input of ASCII bytes {@code ascii[from, to)}, which a list of a million lines
     * mostly is: a kind that can check the bytes as they are spares the parent a string per line while its
     * workers wait for the list. Must give the same answer as {@link #validate} of the same text.
     */
    default Optional<String> validateAscii(byte[] ascii, int from, int to, TaskOptions options) {
        return validate(new String(ascii, from, to - from, StandardCharsets.ISO_8859_1), options);
    }

    /** Does the work in the worker process and returns the result shown to the user. */
    String execute(String input, TaskContext context) throws Exception;
}
