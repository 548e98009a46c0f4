package io.garrison.shared;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.garrison.shared.ManagerException.Reason;
import java.util.HashMap;
import java.util.Map;

/**
 * The named objects a Manager serves: lists, dicts, values and fixed-length arrays, each kind with its own
 * names. A list, dict or value springs into being on first use (a value starts at 0); an array is created by
 * {@code array.init}.
 *
 * <p>{@link #apply} runs one whole request under this store's monitor and validates everything before it
 * changes anything, so a request is applied entirely or not at all, and no client can leave an object
 * half-changed, whatever happens to its connection. Every value is checked on the way in against
 * {@link ManagerLimits}, and the estimated heap of everything stored stays under the memory quota, so no client
 * can store what the server cannot send back, or grow the server without bound. Thread-safe.
 */
final class ManagerStore {

    /** What a name costs besides its characters: the map entry and the empty object it names. */
    private static final long NAME_OVERHEAD = 128;

    private final long quotaBytes;
    // All fields below: guarded by this store's monitor.
    private final Map<String, ArrayNode> lists = new HashMap<>();
    private final Map<String, ObjectNode> dicts = new HashMap<>();
    private final Map<String, JsonNode> values = new HashMap<>();
    private final Map<String, ArrayNode> arrays = new HashMap<>();
    /** JSON size of each list and dict, by kind and name ({@code "list:" + name}), against {@link ManagerLimits#OBJECT_BYTES}. */
    private final Map<String, Long> jsonBytes = new HashMap<>();
    /** Estimated heap of everything stored, against {@link #quotaBytes}. */
    private long usedBytes;

    ManagerStore(long quotaBytes) {
        if (quotaBytes <= 0) {
            throw new IllegalArgumentException("memory quota must be positive: " + quotaBytes);
        }
        this.quotaBytes = quotaBytes;
    }

    /** Estimated heap of the stored data, in bytes. */
    synchronized long usedBytes() {
        return usedBytes;
    }

    /**
     * Applies {@code request} ({@code op}, {@code name} and the op's fields) and returns its result.
     *
     * @throws ManagerRefusal if the request is malformed or would break a limit; nothing has changed then
     */
    synchronized JsonNode apply(String op, String name, JsonNode request) {
        return switch (op) {
            case "list.append" -> {
                JsonNode value = present(request, "value");
                ManagerLimits.Measure measure = ManagerLimits.measure(value);
                ArrayNode list = list(name);
                growObject("list:" + name, measure.jsonBytes() + 1);
                charge(measure.heapBytes());
                list.add(value);
                yield LongNode.valueOf(list.size());
            }
            case "list.get" -> list(name).deepCopy();
            case "list.size" -> LongNode.valueOf(list(name).size());
            case "dict.put" -> {
                String key = text(request, "key");
                JsonNode value = present(request, "value");
                ManagerLimits.Measure measure = ManagerLimits.measure(value);
                ObjectNode dict = dict(name);
                JsonNode old = dict.get(key);
                ManagerLimits.Measure oldMeasure = old == null ? null : ManagerLimits.measure(old);
                long keyJson = key.length() + 3L;
                long keyHeap = 64 + 2L * key.length();
                growObject("dict:" + name, old == null ? keyJson + measure.jsonBytes() + 1
                        : measure.jsonBytes() - oldMeasure.jsonBytes());
                charge(old == null ? keyHeap + measure.heapBytes() : measure.heapBytes() - oldMeasure.heapBytes());
                yield orNull(dict.replace(key, value));
            }
            case "dict.get" -> request.has("key") ? orNull(dict(name).get(text(request, "key"))) : dict(name).deepCopy();
            case "dict.remove" -> {
                String key = text(request, "key");
                JsonNode old = dict(name).remove(key);
                if (old != null) {
                    ManagerLimits.Measure measure = ManagerLimits.measure(old);
                    jsonBytes.merge("dict:" + name, -(key.length() + 3L + measure.jsonBytes() + 1), Long::sum);
                    usedBytes -= 64 + 2L * key.length() + measure.heapBytes();
                }
                yield orNull(old);
            }
            case "value.get" -> values.getOrDefault(name, LongNode.valueOf(0));
            case "value.set" -> {
                JsonNode number = number(request, "value");
                if (!values.containsKey(name)) {
                    charge(NAME_OVERHEAD + 2L * name.length());
                }
                values.put(name, number);
                yield number;
            }
            case "value.add" -> {
                JsonNode sum = add(values.getOrDefault(name, LongNode.valueOf(0)), number(request, "delta"));
                if (!values.containsKey(name)) {
                    charge(NAME_OVERHEAD + 2L * name.length());
                }
                values.put(name, sum);
                yield sum;
            }
            case "array.init" -> {
                ArrayNode existing = arrays.get(name);
                if (existing != null) {
                    yield existing.deepCopy();
                }
                ArrayNode array = numbers(request.path("values"));
                charge(NAME_OVERHEAD + 2L * name.length() + ManagerLimits.measure(array).heapBytes());
                arrays.put(name, array);
                yield array.deepCopy();
            }
            case "array.get" -> array(name).deepCopy();
            case "array.set" -> {
                ArrayNode array = array(name);
                int index = index(request, array.size(), name);
                array.set(index, number(request, "value"));
                yield NullNode.getInstance();
            }
            default -> throw invalid("unknown operation '" + op + "'");
        };
    }

    /** Reserves {@code bytes} of the quota (negative: gives back); refuses when the quota would be exceeded. */
    private void charge(long bytes) {
        if (bytes > 0 && usedBytes + bytes > quotaBytes) {
            throw new ManagerRefusal(Reason.OVER_QUOTA, "the manager's memory quota of " + quotaBytes
                    + " bytes is used up (" + usedBytes + " in use, " + bytes + " more asked)");
        }
        usedBytes += bytes;
    }

    /** Grows the JSON size of one object; refuses if it could no longer be sent back in one response. */
    private void growObject(String object, long bytes) {
        long size = jsonBytes.getOrDefault(object, 2L) + bytes;
        if (size > ManagerLimits.OBJECT_BYTES) {
            throw new ManagerRefusal(Reason.TOO_LARGE, object.replaceFirst(":", " '") + "' would grow to " + size
                    + " bytes of JSON, more than a response may carry (" + ManagerLimits.OBJECT_BYTES + ")");
        }
        jsonBytes.put(object, size);
    }

    private ArrayNode list(String name) {
        ArrayNode list = lists.get(name);
        if (list == null) {
            charge(NAME_OVERHEAD + 2L * name.length());
            list = JsonLines.MAPPER.createArrayNode();
            lists.put(name, list);
        }
        return list;
    }

    private ObjectNode dict(String name) {
        ObjectNode dict = dicts.get(name);
        if (dict == null) {
            charge(NAME_OVERHEAD + 2L * name.length());
            dict = JsonLines.MAPPER.createObjectNode();
            dicts.put(name, dict);
        }
        return dict;
    }

    private ArrayNode array(String name) {
        ArrayNode array = arrays.get(name);
        if (array == null) {
            throw invalid("no array named '" + name + "' (create it with array.init)");
        }
        return array;
    }

    /** An index is a JSON integer within the array: not a fraction, a string, a boolean or a wrapped big number. */
    private static int index(JsonNode request, int size, String name) {
        JsonNode index = request.get("index");
        if (index == null || !index.isIntegralNumber() || !index.canConvertToInt()) {
            throw invalid("'index' must be an integer, got " + (index == null ? "nothing" : ManagerLimits.abbreviate(index)));
        }
        if (index.intValue() < 0 || index.intValue() >= size) {
            throw invalid("index " + index + " out of bounds for array '" + name + "' of length " + size);
        }
        return index.intValue();
    }

    private static ManagerRefusal invalid(String message) {
        return new ManagerRefusal(Reason.INVALID, message);
    }

    private static JsonNode orNull(JsonNode node) {
        return node == null ? NullNode.getInstance() : node;
    }

    private static String text(JsonNode request, String field) {
        JsonNode node = request.get(field);
        if (node == null || !node.isTextual()) {
            throw invalid("'" + field + "' must be a string");
        }
        return node.asText();
    }

    private static JsonNode present(JsonNode request, String field) {
        JsonNode node = request.get(field);
        if (node == null) {
            throw invalid("'" + field + "' is missing");
        }
        return node;
    }

    private static JsonNode number(JsonNode request, String field) {
        JsonNode node = request.path(field);
        if (!node.isNumber()) {
            throw invalid("'" + field + "' must be a number, got " + ManagerLimits.abbreviate(node));
        }
        return checkedNumber(node);
    }

    /** A number the server keeps: a 64-bit integer or a finite double, never a big number JSON would not round-trip. */
    private static JsonNode checkedNumber(JsonNode node) {
        if (node.isIntegralNumber() && !node.canConvertToLong()) {
            throw new ManagerRefusal(Reason.NOT_FINITE, "integer out of the 64-bit range: " + ManagerLimits.abbreviate(node));
        }
        ManagerLimits.checkFinite(node);
        return node;
    }

    private static ArrayNode numbers(JsonNode values) {
        if (!values.isArray()) {
            throw invalid("'values' must be an array of numbers");
        }
        ArrayNode array = JsonLines.MAPPER.createArrayNode();
        values.forEach(v -> {
            if (!v.isNumber()) {
                throw invalid("array elements must be numbers, got " + ManagerLimits.abbreviate(v));
            }
            array.add(checkedNumber(v));
        });
        return array;
    }

    /**
     * Integers stay integers (overflow is refused, not wrapped); anything with a fraction becomes a double, and a
     * sum that is not finite is refused.
     */
    private static JsonNode add(JsonNode current, JsonNode delta) {
        if (current.isIntegralNumber() && delta.isIntegralNumber()) {
            try {
                return LongNode.valueOf(Math.addExact(current.longValue(), delta.longValue()));
            } catch (ArithmeticException e) {
                throw invalid("integer overflow: " + current + " + " + delta);
            }
        }
        double sum = current.asDouble() + delta.asDouble();
        if (!Double.isFinite(sum)) {
            throw new ManagerRefusal(Reason.NOT_FINITE, "sum is not finite: " + current + " + " + delta);
        }
        return DoubleNode.valueOf(sum);
    }
}
