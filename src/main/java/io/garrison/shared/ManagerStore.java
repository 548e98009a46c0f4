package io.garrison.shared;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;

/**
 * The named objects a Manager serves: lists, dicts, values and fixed-length arrays, each kind with its own
 * names. A list, dict or value springs into being on first use (a value starts at 0); an array is created by
 * {@code array.init}.
 *
 * <p>{@link #apply} runs one whole request under this store's monitor and validates everything before it
 * changes anything, so a request is applied entirely or not at all, and no client can leave an object
 * half-changed, whatever happens to its connection. Thread-safe.
 */
final class ManagerStore {

    private final Map<String, ArrayNode> lists = new HashMap<>();
    private final Map<String, ObjectNode> dicts = new HashMap<>();
    private final Map<String, JsonNode> values = new HashMap<>();
    private final Map<String, ArrayNode> arrays = new HashMap<>();

    /** Applies {@code request} ({@code op}, {@code name} and the op's fields) and returns its result. */
    synchronized JsonNode apply(String op, String name, JsonNode request) {
        return switch (op) {
            case "list.append" -> {
                list(name).add(present(request, "value"));
                yield LongNode.valueOf(list(name).size());
            }
            case "list.get" -> list(name).deepCopy();
            case "list.size" -> LongNode.valueOf(list(name).size());
            case "dict.put" -> orNull(dict(name).replace(text(request, "key"), present(request, "value")));
            case "dict.get" -> request.has("key") ? orNull(dict(name).get(text(request, "key"))) : dict(name).deepCopy();
            case "dict.remove" -> orNull(dict(name).remove(text(request, "key")));
            case "value.get" -> values.getOrDefault(name, LongNode.valueOf(0));
            case "value.set" -> {
                values.put(name, number(request, "value"));
                yield values.get(name);
            }
            case "value.add" -> {
                values.put(name, add(values.getOrDefault(name, LongNode.valueOf(0)), number(request, "delta")));
                yield values.get(name);
            }
            case "array.init" -> arrays.computeIfAbsent(name, n -> numbers(request.path("values"))).deepCopy();
            case "array.get" -> array(name).deepCopy();
            case "array.set" -> {
                ArrayNode array = array(name);
                int index = request.path("index").asInt(-1);
                if (index < 0 || index >= array.size()) {
                    throw new IllegalArgumentException("index " + request.path("index") + " out of bounds for array '"
                            + name + "' of length " + array.size());
                }
                array.set(index, number(request, "value"));
                yield NullNode.getInstance();
            }
            default -> throw new IllegalArgumentException("unknown operation '" + op + "'");
        };
    }

    private ArrayNode list(String name) {
        return lists.computeIfAbsent(name, n -> JsonLines.MAPPER.createArrayNode());
    }

    private ObjectNode dict(String name) {
        return dicts.computeIfAbsent(name, n -> JsonLines.MAPPER.createObjectNode());
    }

    private ArrayNode array(String name) {
        ArrayNode array = arrays.get(name);
        if (array == null) {
            throw new IllegalArgumentException("no array named '" + name + "' (create it with array.init)");
        }
        return array;
    }

    private static JsonNode orNull(JsonNode node) {
        return node == null ? NullNode.getInstance() : node;
    }

    private static String text(JsonNode request, String field) {
        JsonNode node = request.get(field);
        if (node == null || !node.isTextual()) {
            throw new IllegalArgumentException("'" + field + "' must be a string");
        }
        return node.asText();
    }

    private static JsonNode present(JsonNode request, String field) {
        JsonNode node = request.get(field);
        if (node == null) {
            throw new IllegalArgumentException("'" + field + "' is missing");
        }
        return node;
    }

    private static JsonNode number(JsonNode request, String field) {
        JsonNode node = request.path(field);
        if (!node.isNumber()) {
            throw new IllegalArgumentException("'" + field + "' must be a number, got " + node);
        }
        return node;
    }

    private static ArrayNode numbers(JsonNode values) {
        if (!values.isArray()) {
            throw new IllegalArgumentException("'values' must be an array of numbers");
        }
        values.forEach(v -> {
            if (!v.isNumber()) {
                throw new IllegalArgumentException("array elements must be numbers, got " + v);
            }
        });
        return ((ArrayNode) values).deepCopy();
    }

    /** Integers stay integers (overflow is refused, not wrapped); anything with a fraction becomes a double. */
    private static JsonNode add(JsonNode current, JsonNode delta) {
        if (current.isIntegralNumber() && delta.isIntegralNumber() && current.canConvertToLong()
                && delta.canConvertToLong()) {
            return LongNode.valueOf(Math.addExact(current.asLong(), delta.asLong()));
        }
        return DoubleNode.valueOf(current.asDouble() + delta.asDouble());
    }
}
