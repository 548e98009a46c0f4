package io.garrison.task;

import java.util.Optional;

/** The tutorial's {@code f(x) = x * x}: an integer in, its square out (overflow is an error, not a wrap). */
public final class SquareTask implements TaskKind {

    @Override
    public String name() {
        return "square";
    }

    @Override
    public Optional<String> validate(String input, TaskOptions options) {
        try {
            Long.parseLong(input);
            return Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.of("not an integer: " + Inputs.quote(input));
        }
    }

    /** Up to 18 digits always fit in a long; anything longer or odd is left to {@link Long#parseLong}. */
    @Override
    public Optional<String> validateAscii(byte[] ascii, int from, int to, TaskOptions options) {
        int digitsFrom = from < to && (ascii[from] == '-' || ascii[from] == '+') ? from + 1 : from;
        boolean plainDigits = digitsFrom < to && to - digitsFrom <= 18;
        for (int i = digitsFrom; plainDigits && i < to; i++) {
            plainDigits = ascii[i] >= '0' && ascii[i] <= '9';
        }
        return plainDigits ? Optional.empty() : TaskKind.super.validateAscii(ascii, from, to, options);
    }

    @Override
    public String execute(String input, TaskContext context) {
        long x = Long.parseLong(input);
        return Long.toString(Math.multiplyExact(x, x));
    }
}
