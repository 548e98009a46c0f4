package io.garrison.shared;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;

/** A named object held by a Manager, reached through one {@link ManagerClient}. Thread-safe like its client. */
public abstract sealed class RemoteObject permits RemoteList, RemoteDict, RemoteValue, RemoteArray {

    private final ManagerClient client;
    private final String name;

    RemoteObject(ManagerClient client, String name) {
        this.client = client;
        this.name = name;
    }

    /** The name every client uses for this object. */
    public final String name() {
        return name;
    }

    final JsonNode call(String op, Consumer<ObjectNode> fields) {
        return client.call(op, name, fields);
    }

    final JsonNode call(String op) {
        return client.call(op, name, request -> { });
    }
}
