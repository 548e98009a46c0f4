package io.garrison.lessons;

import io.garrison.engine.TaskFunction;

/** The functions lessons send to workers. Static factories, so the lambdas capture nothing but their numbers. */
final class LessonTasks {

    private LessonTasks() {
    }

    /** The tutorial's {@code f(x) = x**2}. */
    static TaskFunction<Integer, Integer> square() {
        return x -> x * x;
    }

    /** Works {@code ms}, then squares: a task slow enough for a class to watch. */
    static TaskFunction<Integer, Integer> slowSquare(long ms) {
        return x -> {
            Thread.sleep(ms);
            return x * x;
        };
    }
}
