package io.garrison.shared;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The main class of the Manager's child JVM, started by {@link Manager}.
 *
 * <p>Arguments: {@code --host H --port N}, and {@code --memory-quota BYTES} (default: the system property
 * {@code garrison.manager.memoryQuota}, else 256 MiB). The first stdin line is the key in Base64 (on stdin rather than the
 * command line, where {@code ps} would show it to every user). It prints {@code listening on HOST:PORT} once
 * ready, and exits when stdin closes: the parent holds the other end, so the server never outlives it, even a
 * parent killed with SIGKILL.
 */
public final class ManagerServerMain {

    private ManagerServerMain() {
    }

    public static void main(String[] args) throws IOException {
        String host = "127.0.0.1";
        int port = 0;
        long quota = Long.getLong(ManagerLimits.QUOTA_PROPERTY, ManagerLimits.DEFAULT_MEMORY_QUOTA);
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--host" -> host = args[i + 1];
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--memory-quota" -> quota = Long.parseLong(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        String encodedKey = stdin.readLine();
        if (encodedKey == null) {
            return;
        }
        try (ManagerServer server = ManagerServer.start(host, port, Base64.getDecoder().decode(encodedKey.trim()), quota, null)) {
            System.out.println(server.listeningLine());
            System.out.flush();
            while (stdin.readLine() != null) {
                // nothing is expected on stdin after the key; only its end matters
            }
        }
        System.exit(0);
    }
}
