package io.garrison.shared;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.garrison.shared.ManagerException.Reason;
import java.io.EOFException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.Socket;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One client connection of the Manager, on its own thread: the handshake, then requests answered in order.
 *
 * <pre>
 * → {"id": 7, "op": "list.append", "name": "fruits", "value": "apple"}
 * ← {"id": 7, "ok": true, "result": 1}    or {"id": 7, "ok": false, "error": "...", "reason": "TOO_DEEP"}
 * </pre>
 * States: HANDSHAKE (holds one of the server's handshake slots; the whole handshake has a deadline, and the
 * server may evict it for a newer connection) → SERVING (holds a client slot) or DROPPED. Only a session in
 * HANDSHAKE can be dropped from outside. Whatever way the connection ends, its locks are released and the end is
 * logged, unless the client simply hung up.
 */
final class ManagerSession implements Runnable {

    private static final int HANDSHAKE_LINE_BYTES = 4_096;

    private enum Phase { HANDSHAKE, SERVING, DROPPED }

    private final long id;
    private final Socket socket;
    private final ManagerServer server;
    private final byte[] binding;
    private final String peer;
    private final AtomicReference<Phase> phase = new AtomicReference<>(Phase.HANDSHAKE);
    /** Why the session was dropped from outside; written before the phase becomes DROPPED, read after. */
    private volatile String dropReason;

    /** @param binding the hash of the TLS certificate the handshake binds; empty over plain TCP */
    ManagerSession(long id, Socket socket, ManagerServer server, byte[] binding) {
        this.id = id;
        this.socket = socket;
        this.server = server;
        this.binding = binding;
        this.peer = String.valueOf(socket.getRemoteSocketAddress());
    }

    /** Ends the session if it has not finished its handshake yet; any thread. */
    void dropDuringHandshake(String reason) {
        dropReason = reason;
        if (phase.compareAndSet(Phase.HANDSHAKE, Phase.DROPPED)) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway: the session's read fails either way
            }
        }
    }

    @Override
    public void run() {
        ScheduledFuture<?> deadline;
        try {
            deadline = server.scheduleHandshakeDeadline(this);
        } catch (RejectedExecutionException e) {
            // the server is closing: this connection is not served at all
            dropDuringHandshake("the server is closing");
            server.ended(this, false);
            return;
        }
        boolean serving = false;
        try (JsonLines connection = new JsonLines(socket, HANDSHAKE_LINE_BYTES)) {
            // The deadline above bounds the whole handshake; this only bounds one silent read within it.
            socket.setSoTimeout((int) ManagerServer.HANDSHAKE_DEADLINE.toMillis());
            HmacHandshake.serve(connection, server.key(), binding);
            deadline.cancel(false);
            if (!phase.compareAndSet(Phase.HANDSHAKE, Phase.SERVING)) {
                throw new IOException("dropped during the handshake");
            }
            if (!server.admit(this)) {
                server.report(Level.WARNING, "turned away " + peer + " after its handshake: "
                        + ManagerServer.MAX_CONNECTIONS + " clients are connected");
                return;
            }
            serving = true;
            socket.setSoTimeout(0);
            connection.maxLineBytes(ManagerLimits.REQUEST_BYTES);
            while (true) {
                connection.write(answer(connection.read()));
            }
        } catch (ManagerAuthenticationException e) {
            server.report(Level.WARNING, "refused connection from " + peer + ": " + e.getMessage());
        } catch (EOFException e) {
            if (phase.get() != Phase.SERVING) {
                server.report(Level.WARNING, "dropped " + peer + ": it hung up during the handshake");
            }
            // otherwise the client hung up: the normal end of a session
        } catch (IOException e) {
            // The socket is closed by now (try-with-resources), so the cause is told apart by the phase.
            String reason = phase.get() == Phase.DROPPED && dropReason != null ? dropReason : e.getMessage();
            server.report(Level.WARNING, "dropped " + peer + ": " + reason);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            deadline.cancel(false);
            server.ended(this, serving);
            server.locks().releaseAll(id);
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
            response.put("ok", true).set("result", op.startsWith("lock.") ? lock(op, name, request)
                    : server.store().apply(op, name, request));
        } catch (ManagerRefusal e) {
            response.put("ok", false).put("error", e.getMessage()).put("reason", e.reason().name());
        } catch (IllegalArgumentException | IllegalStateException | ArithmeticException e) {
            response.put("ok", false).put("error", e.getMessage()).put("reason", Reason.INVALID.name());
        }
        return response;
    }

    private JsonNode lock(String op, String name, JsonNode request) throws InterruptedException {
        switch (op) {
            case "lock.acquire" -> {
                return BooleanNode.valueOf(server.locks().acquire(name, id, timeoutMillis(request)));
            }
            case "lock.release" -> {
                server.locks().release(name, id);
                return NullNode.getInstance();
            }
            default -> throw new IllegalArgumentException("unknown operation '" + op + "'");
        }
    }

    /** Absent: no limit; else an integer number of milliseconds (negative: no limit). */
    private static long timeoutMillis(JsonNode request) {
        JsonNode timeout = request.get("timeoutMillis");
        if (timeout == null || timeout.isNull()) {
            return -1;
        }
        if (!timeout.isIntegralNumber() || !timeout.canConvertToLong()) {
            throw new IllegalArgumentException("'timeoutMillis' must be an integer, got " + ManagerLimits.abbreviate(timeout));
        }
        return timeout.longValue();
    }

    long id() {
        return id;
    }

    String peer() {
        return peer;
    }
}
