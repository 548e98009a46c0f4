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
        subcommands = {RunCommand.class, LessonCommand.class, ManagerCommand.class, PythonCommand.class,
            WatchCommand.class})
public final class GarrisonCommand implements Runnable {

    private static final Set<String> COMMAND_LINE_WORDS =
            Set.of("run", "lesson", "manager", "--version", "-V", "--help", "-h", "help");

    /**
     * True when the arguments ask for a command-line tool rather than the desktop app. {@code garrison python
     * SCRIPT.py} is the desktop app's, which draws the script's pool; with {@code --json} before the script it is
     * the command line's.
     */
    public static boolean isCommandLine(String[] args) {
        if (args.length > 0 && args[0].equals("python")) {
            return PythonCommand.wantsCommandLine(args);
        }
        if (args.length > 0 && args[0].equals("watch")) {
            return WatchCommand.wantsCommandLine(args);
        }
        return args.length > 0 && COMMAND_LINE_WORDS.contains(args[0]);
    }

    /** Runs the command line and returns its exit status (0 ok, 1 some tasks failed, 2 unusable arguments). */
    public static int execute(String... args) {
        RunCommand quick = QuickRunArguments.parse(args);
        if (quick != null) {
            return runQuickly(quick);
        }
        CommandLine commandLine = new CommandLine(new GarrisonCommand())
                .setCaseInsensitiveEnumValuesAllowed(true);
        // What follows a Python script is the script's, options included: `garrison python s.py --json`.
        commandLine.getSubcommands().get("python").setStopAtPositional(true).setUnmatchedOptionsArePositionalParams(true);
        return commandLine.execute(args);
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
