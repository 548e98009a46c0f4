package io.garrison.stream;

/** A line of an event stream that is not an event: names the line and says why, for the person who gave it. */
public final class BadEventLine extends Exception {

    private final long line;

    BadEventLine(long line, String reason) {
        super("line " + line + ": " + reason);
        this.line = line;
    }

    /** The 1-based line of the stream. */
    public long line() {
        return line;
    }
}
