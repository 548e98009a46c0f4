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

    @Override
    public String execute(String input, TaskContext context) {
        long x = Long.parseLong(input);
        return Long.toString(Math.multiplyExact(x, x));
    }
}
