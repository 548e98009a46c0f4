package io.garrison.cli;

import io.garrison.lessons.RaceLesson;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code garrison lesson race}: lost updates without a lock, an exact count with one. */
@Command(name = "race", mixinStandardHelpOptions = true)
final class LessonRaceCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--workers", paramLabel = "K", defaultValue = "4", descriptionKey = "race.workers")
    private int workers;

    @Option(names = "--increments", paramLabel = "M", defaultValue = "100000",
            descriptionKey = "race.increments")
    private int increments;

    @Override
    public Integer call() throws Exception {
        if (workers < 1 || workers > 256) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--workers must be between 1 and 256: " + workers);
        }
        if (increments < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--increments must not be negative: " + increments);
        }
        RaceLesson.Outcome outcome = RaceLesson.run(workers, increments);
        PrintWriter out = spec.commandLine().getOut();
        outcome.lines().forEach(out::println);
        out.flush();
        return outcome.locked() == outcome.expected() ? 0 : 1;
    }
}
