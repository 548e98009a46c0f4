package io.garrison.shared;

import java.util.List;

/** A fixed-length array of numbers held by a Manager, like a Manager's {@code Array('i', ...)}. Thread-safe. */
public final class RemoteArray extends RemoteObject {

    RemoteArray(ManagerClient client, String name) {
        super(client, name);
    }

    /**
     * Creates the array with {@code values} unless it exists; returns its elements either way, so several
     * clients may race to create it and all see one array.
     */
    public List<Object> init(List<? extends Number> values) {
        return RemoteValues.toList(call("array.init", request -> request.set("values", RemoteValues.toJson(values))));
    }

    /** A snapshot of the elements. */
    public List<Object> get() {
        return RemoteValues.toList(call("array.get"));
    }

    public void set(int index, Number value) {
        call("array.set", request -> request.put("index", index).set("value", RemoteValues.toJson(value)));
    }
}
