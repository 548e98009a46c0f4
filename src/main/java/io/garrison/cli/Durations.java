package io.garrison.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as GNU parallel writes them for {@code --timeout} and {@code --delay}: seconds ({@code 2.5}), or
 * amounts with units summed ({@code 1h30m}, {@code 2d}, {@code 90s}); for {@code --timeout} also a percentage
 * of the median run time ({@code 200%}).
 */
final class Durations {

    private static final Pattern SECONDS = Pattern.compile("\\d+(\\.\\d+)?([eE][+-]?\\d+)?");
    private static final Pattern WITH_UNITS = Pattern.compile("(?:\\d+(?:\\.\\d+)?[dhmsDHMS])+");
    private static final Pattern ONE_UNIT = Pattern.compile("(\\d+(?:\\.\\d+)?)([dhmsDHMS])");
    private static final Pattern PERCENT = Pattern.compile("(\\d+(\\.\\d+)?)%");

    private Durations() {
    }

    /** A time, or a share of the median run time. */
    record Duration(double seconds, double percentOfMedian) {
        boolean isPercentOfMedian() {
            return percentOfMedian > 0;
        }
    }

    /** Seconds, with or without units. @throws IllegalArgumentException if {@code text} is neither */
    static double seconds(String text) {
        String trimmed = text.strip();
        if (SECONDS.matcher(trimmed).matches()) {
            return Double.parseDouble(trimmed);
        }
        if (!WITH_UNITS.matcher(trimmed).matches()) {
            throw new IllegalArgumentException(text);
        }
        double total = 0;
        Matcher unit = ONE_UNIT.matcher(trimmed);
        while (unit.find()) {
            double amount = Double.parseDouble(unit.group(1));
            total += amount * switch (Character.toLowerCase(unit.group(2).charAt(0))) {
                case 'd' -> 86_400;
                case 'h' -> 3_600;
                case 'm' -> 60;
                default -> 1;
            };
        }
        return total;
    }

    /** Seconds, or a percentage such as {@code 200%}. @throws IllegalArgumentException if it is neither */
    static Duration secondsOrPercent(String text) {
        Matcher percent = PERCENT.matcher(text.strip());
        if (percent.matches()) {
            return new Duration(0, Double.parseDouble(percent.group(1)));
        }
        return new Duration(seconds(text), 0);
    }
}
