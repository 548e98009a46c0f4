package io.garrison.shared;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * One authenticated connection to a Manager server, and the way to its shared objects:
 * {@link #list(String)}, {@link #dict(String)}, {@link #value(String)}, {@link #array(String)} and
 * {@link #lock(String)}.
 *
 * <p>Thread-safe: requests from several threads are sent one at a time. Locks belong to the connection, so
 * threads that must exclude each other need a client each; and a thread waiting in {@link #lock(String)} holds
 * up the other threads of its client until it gets the lock.
 */
public final class ManagerClient implements AutoCloseable {

    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    private final JsonLines connection;
    private long nextId;

    private ManagerClient(JsonLines connection) {
        this.connection = connection;
    }

    /**
     * Connects and authenticates.
     *
     * @throws ManagerAuthenticationException if the server refuses the key, or does not prove it holds it
     */
    public static ManagerClient connect(String host, int port, byte[] key) throws IOException {
        ManagerKeys.check(key);
        Socket socket = new Socket();
        try {
            InetSocketAddress address = new InetSocketAddress(host, port);
            socket.connect(address, CONNECT_TIMEOUT_MILLIS);
            socket.setTcpNoDelay(true);
            Socket speaking = socket;
            byte[] binding = new byte[0];
            if (address.getAddress() != null && ManagerTls.needed(address.getAddress())) {
                socket.setSoTimeout(CONNECT_TIMEOUT_MILLIS);
                ManagerTls.Client tls = ManagerTls.connect(socket, host, port);
                tls.socket().setSoTimeout(0);
                speaking = tls.socket();
                binding = tls.binding();
            }
            JsonLines connection = new JsonLines(speaking, ManagerLimits.RESPONSE_BYTES);
            HmacHandshake.join(connection, key, binding);
            return new ManagerClient(connection);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** The shared list {@code name}, created empty on first use. */
    public RemoteList list(String name) {
        return new RemoteList(this, name);
    }

    /** The shared dict {@code name}, created empty on first use. */
    public RemoteDict dict(String name) {
        return new RemoteDict(this, name);
    }

    /** The shared number {@code name}, 0 until first set. */
    public RemoteValue value(String name) {
        return new RemoteValue(this, name);
    }

    /** The shared fixed-length array {@code name}; {@link RemoteArray#init} creates it. */
    public RemoteArray array(String name) {
        return new RemoteArray(this, name);
    }

    /** Waits for the shared lock {@code name} and holds it until the result is closed or this client closes. */
    public RemoteLock lock(String name) {
        call("lock.acquire", name, request -> { });
        return new RemoteLock(this, name);
    }

    /** Like {@link #lock(String)}, waiting at most {@code timeout}; {@code null} if the time ran out. */
    public RemoteLock tryLock(String name, Duration timeout) {
        boolean taken = call("lock.acquire", name, request -> request.put("timeoutMillis", timeout.toMillis())).asBoolean();
        return taken ? new RemoteLock(this, name) : null;
    }

    /**
     * Sends one request and returns its result.
     *
     * @throws ManagerException if the server refused the request or the connection broke
     */
    synchronized JsonNode call(String op, String name, Consumer<ObjectNode> fields) {
        ObjectNode request = JsonLines.object().put("id", ++nextId).put("op", op).put("name", name);
        fields.accept(request);
        ObjectNode response;
        try {
            connection.write(request);
            response = connection.read();
        } catch (IOException e) {
            throw new ManagerException("lost the connection to the manager: " + e.getMessage(), e);
        }
        if (!response.path("ok").asBoolean()) {
            throw new ManagerException(ManagerException.Reason.parse(response.path("reason").asText("")),
                    op + " '" + name + "': " + response.path("error").asText("refused"));
        }
        return response.path("result");
    }

    /** Closes the connection; the server releases the locks it held. */
    @Override
    public void close() throws IOException {
        connection.close();
    }
}
