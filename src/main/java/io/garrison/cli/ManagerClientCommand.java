package io.garrison.cli;

import io.garrison.shared.ManagerAuthenticationException;
import io.garrison.shared.ManagerClient;
import io.garrison.shared.ManagerClientOperation;
import io.garrison.shared.ManagerException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code garrison manager client}: one operation on a running manager. */
@Command(name = "client", mixinStandardHelpOptions = true)
final class ManagerClientCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--host", defaultValue = "127.0.0.1", descriptionKey = "client.host")
    private String host;

    @Option(names = "--port", required = true, descriptionKey = "client.port")
    private int port;

    @Option(names = "--key-file", required = true, paramLabel = "FILE", descriptionKey = "client.keyFile")
    private Path keyFile;

    @Parameters(paramLabel = "OP", arity = "1..*", descriptionKey = "client.op")
    private List<String> words;

    @Override
    public Integer call() throws IOException {
        ManagerClientOperation operation;
        try {
            operation = ManagerClientOperation.parse(words);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        byte[] key = ManagerCommand.readKey(spec, keyFile);
        PrintWriter err = spec.commandLine().getErr();
        try (ManagerClient client = ManagerClient.connect(host, port, key)) {
            String result = operation.apply(client);
            if (result != null) {
                spec.commandLine().getOut().println(result);
                spec.commandLine().getOut().flush();
            }
            return 0;
        } catch (ManagerAuthenticationException e) {
            err.println("garrison manager client: " + e.getMessage());
        } catch (IOException | ManagerException e) {
            err.println("garrison manager client: " + host + ":" + port + ": " + e.getMessage());
        }
        err.flush();
        return 1;
    }
}
