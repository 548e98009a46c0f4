package io.garrison.shared;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.EOFException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * One client connection of the Manager, on its own thread: the handshake, then requests answered in order.
 *
 * <pre>
 * → {"id": 7, "op": "list.append", "name": "fruits", "value": "apple"}
 * ← {"id": 7, "ok": true, "result": 1}          or {"id": 7, "ok": false, "error": "..."}
 * </pre>
 * Whatever way the connection ends, its locks are released.
 */
final class ManagerSession implements Runnable {

    private static final int HANDSHAKE_TIMEOUT_MILLIS = 10_000;
    private static final int HANDSHAKE_LINE_BYTES = 4_096;
    private static final int REQUEST_LINE_BYTES = 16 << 20;

    private final long id;
    private final Socket socket;
    private final byte[] key;
    private final ManagerStore store;
    private final ManagerLocks locks;
    private final PrintStream log;

    ManagerSession(long id, Socket socket, byte[] key, ManagerStore store, ManagerLocks locks, PrintStream log) {
        this.id = id;
        this.socket = socket;
        this.key = key;
        this.store = store;
        this.locks = locks;
        this.log = log;
    }

    @Override
    public void run() {
        String peer = String.valueOf(socket.getRemoteSocketAddress());
        try (JsonLines connection = new JsonLines(socket, HANDSHAKE_LINE_BYTES)) {
            // A peer that connects and says nothing must not hold a thread forever before it has proved anything.
            socket.setSoTimeout(HANDSHAKE_TIMEOUT_MILLIS);
            HmacHandshake.serve(connection, key);
            socket.setSoTimeout(0);
            connection.maxLineBytes(REQUEST_LINE_BYTES);
            while (true) {
                connection.write(answer(connection.read()));
            }
        } catch (ManagerAuthenticationException e) {
            log.println("garrison manager: refused connection from " + peer + ": " + e.getMessage());
        } catch (EOFException e) {
            // the client hung up: the normal end of a session
        } catch (SocketTimeoutException e) {
            log.println("garrison manager: dropped " + peer + ": no handshake within " + HANDSHAKE_TIMEOUT_MILLIS + " ms");
        } catch (IOException e) {
            if (!socket.isClosed()) {
                log.println("garrison manager: dropped " + peer + ": " + e.getMessage());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            locks.releaseAll(id);
        }
    }

    private ObjectNode answer(ObjectNode request) throws InterruptedException {
        ObjectNode response = JsonLines.object();
        response.set("id", request.path("id"));
        try {
            String op = request.path("op").asText("");
            String name = request.path("name").asText("");
            if (name.isEmpty()) {
                throw new IllegalArgumentException("'name' is missing");
            }
            response.put("ok", true).set("result", op.startsWith("lock.") ? lock(op, name, request) : store.apply(op, name, request));
        } catch (IllegalArgumentException | IllegalStateException | ArithmeticException e) {
            response.put("ok", false).put("error", e.getMessage());
        }
        return response;
    }

    private JsonNode lock(String op, String name, JsonNode request) throws InterruptedException {
        switch (op) {
            case "lock.acquire" -> {
                return BooleanNode.valueOf(locks.acquire(name, id, request.path("timeoutMillis").asLong(-1)));
            }
            case "lock.release" -> {
                locks.release(name, id);
                return NullNode.getInstance();
            }
            default -> throw new IllegalArgumentException("unknown operation '" + op + "'");
        }
    }
}
