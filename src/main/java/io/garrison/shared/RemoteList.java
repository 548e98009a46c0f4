package io.garrison.shared;

import java.util.List;

/**
 * A list held by a Manager. Elements are JSON values: strings, numbers, booleans, null, and lists and maps of
 * them; they come back as {@code String}, {@code Integer}/{@code Long}/{@code Double}, {@code Boolean},
 * {@code List} and {@code Map}. Each call is one atomic request. Thread-safe like its {@link ManagerClient}.
 */
public final class RemoteList extends RemoteObject {

    RemoteList(ManagerClient client, String name) {
        super(client, name);
    }

    /** Appends {@code element}; returns the new size. */
    public int append(Object element) {
        return call("list.append", request -> request.set("value", RemoteValues.toJson(element))).asInt();
    }

    /** A snapshot of the whole list. */
    public List<Object> get() {
        return RemoteValues.toList(call("list.get"));
    }

    public int size() {
        return call("list.size").asInt();
    }
}
