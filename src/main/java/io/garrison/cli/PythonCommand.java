package io.garrison.cli;

import io.garrison.engine.PoolListener;
import io.garrison.python.PythonInterpreter;
import io.garrison.python.PythonOutcome;
import io.garrison.python.PythonRun;
import io.garrison.python.PythonUnavailableException;
import io.garrison.python.ScriptLaunch;
import io.garrison.python.ScriptLine;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code garrison python [--json] [--patience SEC] SCRIPT.py [ARGS...]}: a Python script with the machine's
 * python3, its pool's events on the side. Everything after the script is the script's (the command line stops at
 * the first positional, see {@link GarrisonCommand}). Thin: parsing and printing only.
 */
@Command(name = "python", mixinStandardHelpOptions = true, sortOptions = false)
final class PythonCommand implements Callable<Integer> {

    /** Garrison could not run the script: no usable Python, no such script, an unusable option. */
    static final int UNUSABLE = 2;
    /** The script lost a task and was stopped after its patience. */
    static final int STOPPED_AFTER_PATIENCE = 3;

    @Option(names = "--json", descriptionKey = "python.json")
    boolean json;

    @Option(names = "--patience", paramLabel = "SEC", descriptionKey = "python.patience")
    String patience;

    @Parameters(index = "0", paramLabel = "SCRIPT.py", descriptionKey = "python.script")
    Path script;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "ARGS", descriptionKey = "python.args")
    List<String> arguments = new ArrayList<>();

    /**
     * Whether {@code garrison python ...} is for the command line rather than the desktop app: only with
     * {@code --json} (or a help option) before the script; after it, they are the script's own.
     */
    static boolean wantsCommandLine(String[] args) {
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--json") || arg.equals("--help") || arg.equals("-h") || arg.equals("--version")
                    || arg.equals("-V")) {
                return true;
            }
            if (arg.equals("--patience")) {
                i++;
            } else if (!arg.startsWith("--patience=")) {
                return false;
            }
        }
        return false;
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintStream out = System.out;
        PrintStream err = System.err;
        Duration wait = ScriptLaunch.DEFAULT_PATIENCE;
        if (patience != null) {
            try {
                double seconds = Durations.seconds(patience);
                if (seconds > 1e9) {
                    throw new IllegalArgumentException(patience);
                }
                wait = Duration.ofMillis(Math.round(seconds * 1000));
            } catch (IllegalArgumentException e) {
                err.println(CliText.get("cli.python.patienceRange", patience));
                return UNUSABLE;
            }
        }
        if (!Files.isRegularFile(script)) {
            err.println(CliText.get("cli.python.noSuchScript", script));
            return UNUSABLE;
        }
        PythonInterpreter python;
        try {
            python = PythonInterpreter.find();
        } catch (PythonUnavailableException e) {
            err.println(CliText.get("cli.python.unavailable", e.getMessage()));
            return UNUSABLE;
        }
        PoolListener events = json ? new JsonEventWriter(out) : new PythonDeaths(err);
        Consumer<ScriptLine> output = line -> (json || line.stream() == ScriptLine.Stream.STDERR ? err : out)
                .println(line.text());
        ScriptLaunch launch = new ScriptLaunch(script, arguments, wait, true);
        PythonRun run;
        try {
            run = PythonRun.start(python, launch, events, output);
        } catch (IOException e) {
            err.println(CliText.get("cli.python.cannotStart", python.executable(), e.getMessage()));
            return UNUSABLE;
        }
        // Should this JVM end first (Ctrl-C), the probe sees its connection close and ends the script's group.
        PythonOutcome outcome = run.awaitOutcome();
        out.flush();
        if (outcome.ending() == PythonOutcome.Ending.STOPPED_AFTER_PATIENCE) {
            err.println(CliText.get("cli.python.stoppedAfterPatience", String.valueOf(outcome.lostTasks()),
                    patience == null ? String.valueOf(ScriptLaunch.DEFAULT_PATIENCE.toSeconds()) : patience));
            return STOPPED_AFTER_PATIENCE;
        }
        return outcome.exitCode();
    }
}
