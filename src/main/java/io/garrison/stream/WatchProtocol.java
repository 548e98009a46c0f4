package io.garrison.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.garrison.engine.WorkerId;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The words a watched run and its watchers exchange over a loopback connection (docs/CLI.md, "Watching a run"):
 * the watcher's token line, the run's answer, the {@code --json} lines, the end line, and the watcher's commands.
 * Kept in one place so the server and {@link WatchConnection} cannot drift apart.
 *
 * <p>Stateless; any thread.
 */
final class WatchProtocol {

    static final int VERSION = 1;
    /** The run's answer to a right token; the {@code --json} lines follow it. */
    static final String ACCEPTED = "{\"watch\":\"accepted\",\"version\":" + VERSION + "}";
    /** The run's answer to a wrong token; the connection closes after it. */
    static final String REFUSED = "{\"watch\":\"refused\",\"reason\":\"token\"}";
    /**
     * After the run's last event: the stream came whole. A connection that ends without it was cut (the run died,
     * or dropped a watcher that stopped reading). An event line always starts with {@code {"type":}, so this line
     * is never one.
     */
    static final String END = "{\"watch\":\"end\"}";

    /** A token is 32 hex digits or so; a longer first line is not one. */
    static final int MAX_TOKEN_LINE = 256;
    static final int MAX_COMMAND_LINE = 4096;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private WatchProtocol() {
    }

    /** 128 random bits in hex: what a watcher must send first. */
    static String newToken() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Compared in constant time, so the time of a refusal tells nothing about how much of a guess was right. */
    static boolean sameToken(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    /** The line that asks the run to kill one of its workers. */
    static String killCommand(WorkerId worker) {
        ObjectNode command = JSON.createObjectNode();
        command.put("command", "kill");
        command.put("pid", worker.pid());
        command.put("host", worker.host());
        return command.toString();
    }

    /** The worker a command line asks to kill; empty for any other command, or a line that is not one. */
    static Optional<WorkerId> killed(String line) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        if (node == null || !"kill".equals(node.path("command").asText()) || !node.path("pid").canConvertToLong()) {
            return Optional.empty();
        }
        return Optional.of(new WorkerId(node.path("host").asText(WorkerId.LOCAL), node.path("pid").asLong()));
    }

    /** What the answer line says of the token. */
    enum Answer { ACCEPTED, REFUSED, OTHER }

    static Answer answer(String line) {
        if (ACCEPTED.equals(line)) {
            return Answer.ACCEPTED;
        }
        return REFUSED.equals(line) ? Answer.REFUSED : Answer.OTHER;
    }

    /**
     * One {@code \n}-ended line of UTF-8, without its end; null at end of stream.
     *
     * @throws IOException also when the line is longer than {@code limit} bytes: no honest peer sends one
     */
    static String readLine(InputStream in, int limit) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
            }
            if (b == '\n') {
                return line.toString(StandardCharsets.UTF_8);
            }
            if (line.size() >= limit) {
                throw new IOException("a line longer than " + limit + " bytes");
            }
            line.write(b);
        }
    }
}
