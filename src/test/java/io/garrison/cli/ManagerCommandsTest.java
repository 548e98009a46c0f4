package io.garrison.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.garrison.shared.TestChild;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code garrison manager serve} in a child process, {@code garrison manager client} in this one. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ManagerCommandsTest {

    @TempDir
    static Path temp;
    private static Path key;
    private static TestChild server;
    private static String port;

    @BeforeAll
    static void serve() throws Exception {
        key = Files.writeString(temp.resolve("key"), "s3cret\n");
        server = TestChild.start("io.garrison.Launcher", "manager", "serve", "--port", "0", "--key-file", key.toString());
        String line = server.awaitLine(Duration.ofSeconds(30));
        assertThat(line).matches("listening on 127\\.0\\.0\\.1:\\d+");
        port = line.substring(line.lastIndexOf(':') + 1);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static CommandOutput client(Path keyFile, String... op) {
        List<String> args = new ArrayList<>(List.of("manager", "client", "--port", port, "--key-file", keyFile.toString()));
        args.addAll(List.of(op));
        return CommandOutput.of(args.toArray(String[]::new));
    }

    @Test
    void operationsPrintJson() {
        assertThat(client(key, "list-append", "fruits", "apple").out()).isEmpty();
        assertThat(client(key, "list-append", "fruits", "42").exitCode()).isZero();
        assertThat(client(key, "list-get", "fruits").out().strip()).isEqualTo("[\"apple\",42]");

        assertThat(client(key, "dict-put", "ages", "ann", "31").exitCode()).isZero();
        assertThat(client(key, "dict-get", "ages").out().strip()).isEqualTo("{\"ann\":31}");

        assertThat(client(key, "value-add", "hits", "2").out().strip()).isEqualTo("2");
        assertThat(client(key, "value-add", "hits", "3").out().strip()).isEqualTo("5");
        assertThat(client(key, "value-get", "hits").out().strip()).isEqualTo("5");
    }

    @Test
    void aWrongKeyIsRefusedAndTheServerCarriesOn() throws Exception {
        Path wrong = Files.writeString(temp.resolve("wrong"), "guess");

        CommandOutput refused = client(wrong, "value-get", "hits");

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.out()).isEmpty();
        assertThat(refused.err()).contains("authentication failed");
        assertThat(client(key, "value-add", "after", "1").exitCode()).isZero();
        assertThat(server.process().isAlive()).isTrue();
    }

    @Test
    void badArgumentsExitWithTwo() {
        assertThat(client(key, "list-pop", "fruits").exitCode()).isEqualTo(2);
        assertThat(client(key, "list-get").exitCode()).isEqualTo(2);
        assertThat(client(key, "value-add", "hits", "lots").exitCode()).isEqualTo(2);
        assertThat(client(temp.resolve("missing-key"), "list-get", "fruits").exitCode()).isEqualTo(2);
        assertThat(CommandOutput.of("manager", "client", "--key-file", key.toString(), "list-get", "x").exitCode())
                .as("no --port").isEqualTo(2);
    }
}
