package io.garrison.shared;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * One command-line operation on a Manager, as {@code garrison manager client} takes it: an operation word and
 * its arguments. VALUE arguments that parse as JSON are sent as JSON ({@code 3}, {@code true},
 * {@code "a b"}, {@code [1,2]}); anything else is sent as a string, so {@code apple} needs no quotes.
 *
 * <pre>
 * list-append NAME VALUE     (prints nothing)
 * list-get NAME              prints the list as JSON
 * dict-put NAME KEY VALUE    (prints nothing)
 * dict-get NAME              prints the dict as JSON
 * value-add NAME DELTA       prints the value after the add
 * value-get NAME             prints the value
 * </pre>
 */
public record ManagerClientOperation(String op, List<String> args) {

    private static final Map<String, Integer> ARITY = Map.of(
            "list-append", 2, "list-get", 1, "dict-put", 3, "dict-get", 1, "value-add", 2, "value-get", 1);

    /** The operations and their argument counts, for usage messages. */
    public static final String USAGE = "list-append NAME VALUE | list-get NAME | dict-put NAME KEY VALUE"
            + " | dict-get NAME | value-add NAME DELTA | value-get NAME";

    /**
     * Checks the words before anything connects.
     *
     * @throws IllegalArgumentException for an unknown operation, a wrong argument count or a DELTA that is no number
     */
    public static ManagerClientOperation parse(List<String> words) {
        if (words.isEmpty()) {
            throw new IllegalArgumentException("missing operation: " + USAGE);
        }
        String op = words.get(0);
        Integer arity = ARITY.get(op);
        if (arity == null) {
            throw new IllegalArgumentException("unknown operation '" + op + "': " + USAGE);
        }
        List<String> args = List.copyOf(words.subList(1, words.size()));
        if (args.size() != arity) {
            throw new IllegalArgumentException(op + " takes " + arity + " argument(s), got " + args.size() + ": " + USAGE);
        }
        if (op.equals("value-add") && !(value(args.get(1)) instanceof Number)) {
            throw new IllegalArgumentException("DELTA must be a number: " + args.get(1));
        }
        return new ManagerClientOperation(op, args);
    }

    /**
     * Runs the operation on {@code client}.
     *
     * @return the text to print, or {@code null} for none
     */
    public String apply(ManagerClient client) throws JsonProcessingException {
        String name = args.get(0);
        Object result = switch (op) {
            case "list-append" -> {
                client.list(name).append(value(args.get(1)));
                yield null;
            }
            case "list-get" -> client.list(name).get();
            case "dict-put" -> {
                client.dict(name).put(args.get(1), value(args.get(2)));
                yield null;
            }
            case "dict-get" -> client.dict(name).get();
            case "value-add" -> client.value(name).add((Number) value(args.get(1)));
            case "value-get" -> client.value(name).get();
            default -> throw new IllegalStateException("unreachable: " + op);
        };
        return result == null ? null : JsonLines.MAPPER.writeValueAsString(result);
    }

    private static Object value(String text) {
        try {
            JsonNode node = JsonLines.MAPPER.readTree(text);
            return node == null || node.isMissingNode() ? text : RemoteValues.toJava(node);
        } catch (JsonProcessingException e) {
            return text;
        }
    }
}
