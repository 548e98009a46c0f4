package io.garrison.shared;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/**
 * The Manager's framing: one JSON object per line, UTF-8, both directions.
 *
 * <p>Bytes from the socket are only ever parsed as a JSON tree, never handed to Java deserialization, and a line
 * longer than the current limit ends the connection, so an unauthenticated peer cannot make the server buffer
 * without bound. Reading and writing may happen on different threads; each side is used by one thread at a time.
 */
final class JsonLines implements AutoCloseable {

    /** Reads and writes with the same nesting bound, so whatever the server accepts, it can also send. */
    static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(ManagerLimits.WIRE_NESTING).build())
                    .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(ManagerLimits.WIRE_NESTING).build())
                    .build())
            .build();

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private int maxLineBytes;

    JsonLines(Socket socket, int maxLineBytes) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = new BufferedOutputStream(socket.getOutputStream());
        this.maxLineBytes = maxLineBytes;
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    void maxLineBytes(int limit) {
        this.maxLineBytes = limit;
    }

    Socket socket() {
        return socket;
    }

    /** The next object; {@link EOFException} when the peer closed the connection. */
    ObjectNode read() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("connection closed by the other side");
            }
            if (line.size() >= maxLineBytes) {
                throw new IOException("message longer than " + maxLineBytes + " bytes");
            }
            line.write(b);
        }
        JsonNode node = MAPPER.readTree(line.toByteArray());
        if (node == null || !node.isObject()) {
            throw new IOException("expected a JSON object, got: " + line.toString(java.nio.charset.StandardCharsets.UTF_8));
        }
        return (ObjectNode) node;
    }

    void write(JsonNode message) throws IOException {
        out.write(MAPPER.writeValueAsBytes(message));
        out.write('\n');
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
