package io.garrison.protocol;

/**
 * A value's text that cannot fail. A user's {@code toString} (or an exception's {@code getMessage}) runs on
 * threads that serve the pool, a worker's task loop among them: one that throws, or recurses through a deep
 * structure, must fail no more than the text.
 */
public final class SafeText {

    private SafeText() {
    }

    /** {@code String.valueOf(value)}, or its class and why its {@code toString} failed. */
    public static String of(Object value) {
        try {
            return String.valueOf(value);
        } catch (Throwable failed) {
            return value.getClass().getName() + " (its toString failed: " + ofFailure(failed) + ")";
        }
    }

    /** The failure of a {@code toString}, which may be as broken as the value it came from. */
    private static String ofFailure(Throwable failed) {
        try {
            return failed.toString();
        } catch (Throwable alsoFailed) {
            return failed.getClass().getName();
        }
    }

    /** An exception's message, or null when it has none, or why {@code getMessage} failed. */
    public static String messageOf(Throwable thrown) {
        try {
            return thrown.getMessage();
        } catch (Throwable failed) {
            return "(its getMessage failed: " + ofFailure(failed) + ")";
        }
    }
}
