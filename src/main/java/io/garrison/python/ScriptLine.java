package io.garrison.python;

/**
 * A line the script or one of its workers printed, without its line ending.
 *
 * @param stream which of the script's streams it came from
 */
public record ScriptLine(Stream stream, String text) {

    /** The script's standard streams. */
    public enum Stream {
        STDOUT,
        STDERR
    }
}
