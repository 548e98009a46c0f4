package io.garrison.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code garrison watch FILE|-|--port N}: the desktop app drawing a stream of events (see {@code Launcher}). The
 * command line only explains it: {@code garrison watch --help} is answered here, so that {@code garrison --help}
 * lists it beside the others; anything else opens the window.
 */
@Command(name = "watch", mixinStandardHelpOptions = true, sortOptions = false)
final class WatchCommand implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "PORT", descriptionKey = "watch.port")
    Integer port;

    @Option(names = "--speed", paramLabel = "N", descriptionKey = "watch.speed")
    Double speed;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE|-", descriptionKey = "watch.stream")
    String stream;

    @Spec
    CommandSpec spec;

    /** Whether {@code garrison watch ...} asks the command line for help rather than opening the window. */
    static boolean wantsCommandLine(String[] args) {
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h") || arg.equals("--version") || arg.equals("-V")) {
                return true;
            }
            if (arg.startsWith("--") && !arg.equals("--start")) {
                i++;
            } else if (!arg.equals("-") && !arg.startsWith("-") && !Files.isReadable(Path.of(arg))) {
                // A stream that is not there is said here, where it was typed, not in a window opened for nothing.
                return true;
            }
        }
        return false;
    }

    /** The command line is asked only for help, or about a stream it cannot read. */
    @Override
    public Integer call() {
        if (stream != null && !stream.equals("-") && !Files.isReadable(Path.of(stream))) {
            System.err.println(CliText.get("cli.watch.noSuchStream", stream));
        } else {
            CommandLine.usage(spec, System.err);
        }
        return 2;
    }
}
