package io.garrison.cli;

import picocli.CommandLine.Command;

/** {@code garrison lesson ...}: the tutorial's programs, run on real worker processes. */
@Command(name = "lesson", mixinStandardHelpOptions = true,
        subcommands = {LessonSharedMemoryCommand.class, LessonRaceCommand.class})
final class LessonCommand {
}
