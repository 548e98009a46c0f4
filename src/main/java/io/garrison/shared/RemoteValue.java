package io.garrison.shared;

/**
 * A number held by a Manager, 0 until first set. Adding integers keeps an integer (overflow is refused);
 * adding a number with a fraction makes it a double. {@link #add(Number)} is atomic on the server, so
 * concurrent adds from many clients never lose an update. Thread-safe.
 */
public final class RemoteValue extends RemoteObject {

    RemoteValue(ManagerClient client, String name) {
        super(client, name);
    }

    public Number get() {
        return RemoteValues.toNumber(call("value.get"));
    }

    public void set(Number value) {
        call("value.set", request -> request.set("value", RemoteValues.toJson(value)));
    }

    /** Atomically adds {@code delta}; returns the value after. */
    public Number add(Number delta) {
        return RemoteValues.toNumber(call("value.add", request -> request.set("delta", RemoteValues.toJson(delta))));
    }
}
