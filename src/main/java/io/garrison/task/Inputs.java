package io.garrison.task;

import java.util.Optional;

/** Small checks and quoting shared by the task kinds' validation. */
final class Inputs {

    private static final int QUOTE_LIMIT = 80;

    private Inputs() {
    }

    /** The input as it should appear in an error: quoted, control characters escaped, long ones cut. */
    static String quote(String input) {
        StringBuilder quoted = new StringBuilder("\"");
        for (int i = 0; i < input.length() && i < QUOTE_LIMIT; i++) {
            char c = input.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        if (input.length() > QUOTE_LIMIT) {
            quoted.append("...");
        }
        return quoted.append('"').toString();
    }

    /** Validates a duration in milliseconds: a whole number from 0 to a day. */
    static Optional<String> millisProblem(String input) {
        try {
            long millis = Long.parseLong(input);
            if (millis < 0) {
                return Optional.of("milliseconds must not be negative: " + quote(input));
            }
            if (millis > 86_400_000L) {
                return Optional.of("more than a day of milliseconds: " + quote(input));
            }
            return Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.of("not a whole number of milliseconds: " + quote(input));
        }
    }
}
