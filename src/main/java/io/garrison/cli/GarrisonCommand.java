package io.garrison.cli;

import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The top-level command. With no sub-command the desktop app starts instead (see {@code Launcher}), so the
 * options of the desktop app ({@code --demo}, {@code --screenshot}, {@code --quit-after}) are not parsed here.
 */
@Command(name = "garrison",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        resourceBundle = CliText.BUNDLE,
        subcommands = {RunCommand.class, LessonCommand.class, ManagerCommand.class})
public final class GarrisonCommand implements Runnable {

    private static final Set<String> COMMAND_LINE_WORDS =
            Set.of("run", "lesson", "manager", "--version", "-V", "--help", "-h", "help");

    /** True when the arguments ask for a command-line tool rather than the desktop app. */
    public static boolean isCommandLine(String[] args) {
        return args.length > 0 && COMMAND_LINE_WORDS.contains(args[0]);
    }

    /** Runs the command line and returns its exit status (0 ok, 1 some tasks failed, 2 unusable arguments). */
    public static int execute(String... args) {
        RunCommand quick = QuickRunArguments.parse(args);
        if (quick != null) {
            return runQuickly(quick);
        }
        return new CommandLine(new GarrisonCommand())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .execute(args);
    }

    /** As picocli would run it: an unexpected exception is printed with its trace and the status is 1. */
    private static int runQuickly(RunCommand run) {
        try {
            return run.call();
        } catch (Exception e) {
            e.printStackTrace();
            return 1;
        }
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }
}
