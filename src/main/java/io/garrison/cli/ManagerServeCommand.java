package io.garrison.cli;

import io.garrison.shared.ManagerServer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code garrison manager serve}: runs the server in the foreground until interrupted. */
@Command(name = "serve", mixinStandardHelpOptions = true)
final class ManagerServeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            descriptionKey = "serve.host")
    private String host;

    @Option(names = "--port", defaultValue = "0", descriptionKey = "serve.port")
    private int port;

    @Option(names = "--key-file", required = true, paramLabel = "FILE",
            descriptionKey = "serve.keyFile")
    private Path keyFile;

    @Override
    public Integer call() throws Exception {
        ManagerServer server = ManagerServer.start(host, port, ManagerCommand.readKey(spec, keyFile), System.err);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "garrison-manager-shutdown"));
        PrintWriter out = spec.commandLine().getOut();
        out.println(server.listeningLine());
        out.flush();
        server.awaitClose();
        return 0;
    }
}
