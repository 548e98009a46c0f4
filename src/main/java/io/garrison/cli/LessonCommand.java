package io.garrison.cli;

import picocli.CommandLine.Command;

/** {@code garrison lesson ...}: the tutorial's programs, run on real worker processes. */
@Command(name = "lesson", mixinStandardHelpOptions = true,
        description = "Runs one of the tutorial's lessons with real worker processes.",
        subcommands = {LessonSharedMemoryCommand.class, LessonRaceCommand.class})
final class LessonCommand {
}
