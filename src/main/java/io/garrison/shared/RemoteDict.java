package io.garrison.shared;

import java.util.Map;

/** A dict (string keys, JSON values) held by a Manager; see {@link RemoteList} for the values. Thread-safe. */
public final class RemoteDict extends RemoteObject {

    RemoteDict(ManagerClient client, String name) {
        super(client, name);
    }

    /** Sets {@code key} to {@code value}; returns the value it replaced, or null. */
    public Object put(String key, Object value) {
        return RemoteValues.toJava(call("dict.put",
                request -> request.put("key", key).set("value", RemoteValues.toJson(value))));
    }

    /** The value of {@code key}, or null. */
    public Object get(String key) {
        return RemoteValues.toJava(call("dict.get", request -> request.put("key", key)));
    }

    /** A snapshot of the whole dict. */
    public Map<String, Object> get() {
        return RemoteValues.toMap(call("dict.get"));
    }

    /** Removes {@code key}; returns its value, or null. */
    public Object remove(String key) {
        return RemoteValues.toJava(call("dict.remove", request -> request.put("key", key)));
    }
}
