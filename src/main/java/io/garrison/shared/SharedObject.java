package io.garrison.shared;

/**
 * What {@link SharedValue} and {@link SharedArray} have in common: a name other processes open it by, a type,
 * one cross-process lock, and a file the creating process removes on {@link #close()}. Thread-safe.
 */
public abstract sealed class SharedObject implements AutoCloseable permits SharedValue, SharedArray {

    final SharedSegment segment;
    private final SharedLock lock;

    SharedObject(SharedSegment segment) {
        this.segment = segment;
        this.lock = new SharedLock(segment);
    }

    /** The name other processes open it by. */
    public final String name() {
        return segment.name();
    }

    public final SharedType type() {
        return segment.type();
    }

    /** Waits for the cross-process lock and holds it until the result is closed. */
    public final SharedLock.Held lock() {
        return lock.lock();
    }

    /** The cross-process lock, for timed waits and for seeing who holds it. */
    public final SharedLock getLock() {
        return lock;
    }

    /** Releases this handle; the creating process also removes the file. Idempotent. */
    @Override
    public final void close() {
        segment.close();
    }
}
