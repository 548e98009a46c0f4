package io.garrison.shared;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;

/**
 * The bounds every value must respect to enter a Manager, and how a value is measured against them.
 *
 * <p>The server checks a value on the way in against the same bounds that apply on the way out: a value the
 * server accepted must always fit in the response that carries it back, or one client could store something
 * that breaks every later read of that object for every client.
 */
final class ManagerLimits {

    /** JSON nesting allowed on the wire, both directions ({@link JsonLines#MAPPER} reads and writes with it). */
    static final int WIRE_NESTING = 1_000;
    /**
     * Nesting allowed for a stored value: far below {@link #WIRE_NESTING}, so the value always fits on the wire
     * with what wraps it in a response (the response object, the list or dict that holds it).
     */
    static final int VALUE_NESTING = 100;
    /** A request line; longer ones end the connection. */
    static final int REQUEST_BYTES = 16 << 20;
    /** A response line, as the client accepts it. */
    static final int RESPONSE_BYTES = 64 << 20;
    /** One object as JSON: what {@code list.get} or {@code dict.get} sends back must fit in a response. */
    static final long OBJECT_BYTES = RESPONSE_BYTES - (64 << 10);
    /** Default for the whole server's stored data, as estimated by {@link Measure#heapBytes()}. */
    static final long DEFAULT_MEMORY_QUOTA = 256L << 20;
    /** System property that sets the quota in bytes, read by {@link ManagerServerMain}. */
    static final String QUOTA_PROPERTY = "garrison.manager.memoryQuota";

    private ManagerLimits() {
    }

    /** What a value costs: its JSON size and an estimate of the heap its tree takes. */
    record Measure(long jsonBytes, long heapBytes) {
    }

    /**
     * Checks {@code value} (nesting, finite numbers) and measures it.
     *
     * @throws ManagerRefusal if it is nested too deep or holds a number that is not finite
     */
    static Measure measure(JsonNode value) {
        long heap = 0;
        Deque<JsonNode> todo = new ArrayDeque<>();
        Deque<Integer> depths = new ArrayDeque<>();
        todo.push(value);
        depths.push(1);
        while (!todo.isEmpty()) {
            JsonNode node = todo.pop();
            int depth = depths.pop();
            if (depth > VALUE_NESTING) {
                throw new ManagerRefusal(ManagerException.Reason.TOO_DEEP,
                        "value nested deeper than " + VALUE_NESTING + " levels");
            }
            // Object header and reference in its parent; strings add their characters, containers their slots.
            heap += 32;
            if (node.isTextual()) {
                heap += 2L * node.textValue().length();
            } else if (node.isNumber()) {
                checkFinite(node);
            } else if (node.isArray()) {
                heap += 8L * node.size();
                node.forEach(child -> {
                    todo.push(child);
                    depths.push(depth + 1);
                });
            } else if (node.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    heap += 64 + 2L * field.getKey().length();
                    todo.push(field.getValue());
                    depths.push(depth + 1);
                }
            }
        }
        long json;
        try {
            json = JsonLines.MAPPER.writeValueAsBytes(value).length;
        } catch (IOException e) {
            throw new ManagerRefusal(ManagerException.Reason.INVALID, "value cannot be written as JSON: " + e.getMessage());
        }
        if (json > OBJECT_BYTES) {
            throw new ManagerRefusal(ManagerException.Reason.TOO_LARGE,
                    "value of " + json + " bytes is larger than an object may be (" + OBJECT_BYTES + ")");
        }
        return new Measure(json, heap);
    }

    /** Refuses infinities and NaN, and integers too large for a double (JSON would carry them as strings). */
    static void checkFinite(JsonNode number) {
        if (!Double.isFinite(number.asDouble())) {
            throw new ManagerRefusal(ManagerException.Reason.NOT_FINITE, "number is not finite: " + abbreviate(number));
        }
    }

    static String abbreviate(JsonNode node) {
        String text = node.toString();
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }
}
