package io.garrison.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code garrison lesson ...}: the tutorial's programs, run on real worker processes. */
@Command(name = "lesson", mixinStandardHelpOptions = true,
        description = "Runs one of the tutorial's lessons with real worker processes.",
        subcommands = {LessonSharedMemoryCommand.class, LessonRaceCommand.class})
final class LessonCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a lesson: shared-memory or race");
    }
}
