package io.garrison.shared;

/**
 * One number in shared memory that several processes read and write, like Python's
 * {@code multiprocessing.Value}.
 *
 * <p>The parent creates it (and owns the file); workers {@link #open(String) open} it by {@link #name()}. A
 * write by any process is seen by all others at once, because they map the same pages.
 *
 * <p>Access modes:
 * <ul>
 *   <li>{@link #getLong()}/{@link #setLong(long)} and the double twins are single reads and writes with no lock.
 *       A read followed by a write is <em>not</em> atomic: two processes doing {@code set(get() + 1)} lose
 *       updates, which is what the race lesson shows.</li>
 *   <li>{@link #getAndAdd(long)}, {@link #compareAndSet(long, long)} and the double twins are atomic across
 *       processes.</li>
 *   <li>{@link #lock()} holds the cross-process {@link SharedLock} for longer read-modify-write sequences.</li>
 * </ul>
 * Integer methods work on {@link SharedType#INT} and {@link SharedType#LONG} values (an {@code int} value
 * rejects numbers out of its range with {@link ArithmeticException}); the double methods on
 * {@link SharedType#DOUBLE} values. Thread-safe.
 */
public final class SharedValue extends SharedObject {

    private SharedValue(SharedSegment segment) {
        super(segment);
    }

    /** Creates a value of {@code type} holding zero, with a fresh name. */
    public static SharedValue create(SharedType type) {
        return create(SharedMemoryFolder.freshName(), type);
    }

    /** Creates the value {@code name} of {@code type} holding zero; fails if that name exists. */
    public static SharedValue create(String name, SharedType type) {
        return new SharedValue(SharedSegment.create(name, type, 1));
    }

    /** Creates a long value holding {@code initial}, with a fresh name. */
    public static SharedValue ofLong(long initial) {
        SharedValue value = create(SharedType.LONG);
        value.setLong(initial);
        return value;
    }

    /** Creates a double value holding {@code initial} (Python's {@code Value('d', initial)}), with a fresh name. */
    public static SharedValue ofDouble(double initial) {
        SharedValue value = create(SharedType.DOUBLE);
        value.setDouble(initial);
        return value;
    }

    /** Opens a value another process (or this one) created. */
    public static SharedValue open(String name) {
        SharedSegment segment = SharedSegment.open(name);
        if (segment.length() != 1) {
            throw new IllegalStateException("'" + name + "' is an array of " + segment.length() + ", not a value");
        }
        return new SharedValue(segment);
    }

    public long getLong() {
        return segment.getLong(0);
    }

    public void setLong(long value) {
        segment.setLong(0, value);
    }

    /** Atomically adds {@code delta}; returns the value before. */
    public long getAndAdd(long delta) {
        return segment.getAndAdd(0, delta);
    }

    /** Atomically adds {@code delta}; returns the value after. */
    public long addAndGet(long delta) {
        return segment.getAndAdd(0, delta) + delta;
    }

    /** Atomically sets {@code update} if the value is {@code expected}. */
    public boolean compareAndSet(long expected, long update) {
        return segment.compareAndSet(0, expected, update);
    }

    /** The value as a double (integer values are widened). */
    public double getDouble() {
        return segment.getDouble(0);
    }

    public void setDouble(double value) {
        segment.setDouble(0, value);
    }

    /** Atomically adds {@code delta} to a double value; returns the value after. */
    public double addAndGetDouble(double delta) {
        return segment.getAndAddDouble(0, delta) + delta;
    }

    /** Atomically sets {@code update} if the value's bits equal those of {@code expected}. */
    public boolean compareAndSetDouble(double expected, double update) {
        return segment.compareAndSetDouble(0, expected, update);
    }

    @Override
    public String toString() {
        return segment.format(0);
    }
}
