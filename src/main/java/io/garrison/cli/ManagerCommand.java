package io.garrison.cli;

import io.garrison.shared.ManagerKeys;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/** {@code garrison manager ...}: a server of shared objects, and a client to poke at it. */
@Command(name = "manager", mixinStandardHelpOptions = true,
        subcommands = {ManagerServeCommand.class, ManagerClientCommand.class})
final class ManagerCommand {

    /** The key in {@code file}; an unreadable or empty file is a bad argument (exit 2). */
    static byte[] readKey(CommandSpec spec, Path file) {
        try {
            return ManagerKeys.read(file);
        } catch (IOException | IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "cannot use key file " + file + ": " + e.getMessage());
        }
    }
}
