package io.garrison.task;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** HTTP's Retry-After header (RFC 9110): seconds, or an HTTP date. */
final class RetryAfter {

    private RetryAfter() {
    }

    /** How many milliseconds from {@code nowMs} the header asks to wait; 0 when absent or unreadable. */
    static long millis(String header, long nowMs) {
        if (header == null || header.isBlank()) {
            return 0;
        }
        String value = header.strip();
        if (value.matches("\\d{1,9}")) {
            return Long.parseLong(value) * 1000;
        }
        try {
            long at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
            return Math.max(0, at - nowMs);
        } catch (DateTimeParseException e) {
            return 0;
        }
    }
}
