package io.garrison.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs {@link GarrisonCommand#execute} with stdout and stderr captured, as a script would see them. */
record CommandOutput(int exitCode, String out, String err) {

    static CommandOutput of(String... args) {
        PrintStream realOut = System.out;
        PrintStream realErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int exitCode = GarrisonCommand.execute(args);
            return new CommandOutput(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(realOut);
            System.setErr(realErr);
        }
    }

    /** The output lines, whatever the platform's line separator. */
    java.util.List<String> lines() {
        return out.lines().toList();
    }
}
