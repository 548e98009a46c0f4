package io.garrison.shared;

/**
 * A Manager lock held by this client's connection; {@link #close()} releases it. If the client's process dies
 * first, the server releases it when the connection drops. Not reentrant.
 */
public final class RemoteLock implements AutoCloseable {

    private final ManagerClient client;
    private final String name;

    RemoteLock(ManagerClient client, String name) {
        this.client = client;
        this.name = name;
    }

    /** Releases the lock. */
    @Override
    public void close() {
        client.call("lock.release", name, request -> { });
    }
}
