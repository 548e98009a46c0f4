package io.garrison.shared;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** Conversion between Java values and the JSON the Manager stores: plain data binding, no type information. */
final class RemoteValues {

    private RemoteValues() {
    }

    static JsonNode toJson(Object value) {
        return JsonLines.MAPPER.valueToTree(value);
    }

    static Object toJava(JsonNode node) {
        return convert(node, new TypeReference<Object>() { });
    }

    static List<Object> toList(JsonNode node) {
        return convert(node, new TypeReference<List<Object>>() { });
    }

    static Map<String, Object> toMap(JsonNode node) {
        return convert(node, new TypeReference<Map<String, Object>>() { });
    }

    static Number toNumber(JsonNode node) {
        return node.numberValue();
    }

    private static <T> T convert(JsonNode node, TypeReference<T> type) {
        try {
            return JsonLines.MAPPER.treeToValue(node, JsonLines.MAPPER.constructType(type));
        } catch (JsonProcessingException e) {
            throw new ManagerException("the manager sent an unexpected value: " + node, e);
        }
    }
}
