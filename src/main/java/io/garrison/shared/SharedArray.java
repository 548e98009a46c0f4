package io.garrison.shared;

import java.util.StringJoiner;

/**
 * A fixed-length array of numbers in shared memory, like Python's {@code multiprocessing.Array}.
 *
 * <p>Created by a parent, {@link #open(String) opened} by name in workers; every process sees every write at
 * once. Element access follows {@link SharedValue}: plain reads and writes, atomic {@link #getAndAdd(int, long)}
 * and {@link #compareAndSet(int, long, long)}, and one cross-process {@link #lock()} for the whole array.
 * Thread-safe.
 */
public final class SharedArray extends SharedObject {

    private SharedArray(SharedSegment segment) {
        super(segment);
    }

    /** Creates an array of {@code length} zeros with a fresh name. */
    public static SharedArray create(SharedType type, int length) {
        return create(SharedMemoryFolder.freshName(), type, length);
    }

    /** Creates the array {@code name} of {@code length} zeros; fails if that name exists. */
    public static SharedArray create(String name, SharedType type, int length) {
        return new SharedArray(SharedSegment.create(name, type, length));
    }

    /** Creates an int array holding {@code values} (Python's {@code Array('i', values)}), with a fresh name. */
    public static SharedArray ofInts(int... values) {
        SharedArray array = create(SharedType.INT, values.length);
        for (int i = 0; i < values.length; i++) {
            array.setLong(i, values[i]);
        }
        return array;
    }

    /** Creates a long array holding {@code values}, with a fresh name. */
    public static SharedArray ofLongs(long... values) {
        SharedArray array = create(SharedType.LONG, values.length);
        for (int i = 0; i < values.length; i++) {
            array.setLong(i, values[i]);
        }
        return array;
    }

    /** Creates a double array holding {@code values}, with a fresh name. */
    public static SharedArray ofDoubles(double... values) {
        SharedArray array = create(SharedType.DOUBLE, values.length);
        for (int i = 0; i < values.length; i++) {
            array.setDouble(i, values[i]);
        }
        return array;
    }

    /** Opens an array another process (or this one) created. */
    public static SharedArray open(String name) {
        return new SharedArray(SharedSegment.open(name));
    }

    public int length() {
        return segment.length();
    }

    public long getLong(int index) {
        return segment.getLong(index);
    }

    public void setLong(int index, long value) {
        segment.setLong(index, value);
    }

    /** Atomically adds {@code delta} to an element; returns the element before. */
    public long getAndAdd(int index, long delta) {
        return segment.getAndAdd(index, delta);
    }

    /** Atomically sets element {@code index} to {@code update} if it is {@code expected}. */
    public boolean compareAndSet(int index, long expected, long update) {
        return segment.compareAndSet(index, expected, update);
    }

    /** An element as a double (integer elements are widened). */
    public double getDouble(int index) {
        return segment.getDouble(index);
    }

    public void setDouble(int index, double value) {
        segment.setDouble(index, value);
    }

    /** Atomically adds {@code delta} to a double element; returns the element after. */
    public double addAndGetDouble(int index, double delta) {
        return segment.getAndAddDouble(index, delta) + delta;
    }

    /** Atomically sets a double element to {@code update} if its bits equal those of {@code expected}. */
    public boolean compareAndSetDouble(int index, double expected, double update) {
        return segment.compareAndSetDouble(index, expected, update);
    }

    /** A copy of the elements as longs (integer arrays only). */
    public long[] toLongArray() {
        long[] copy = new long[length()];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = getLong(i);
        }
        return copy;
    }

    /** A copy of the elements as doubles. */
    public double[] toDoubleArray() {
        double[] copy = new double[length()];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = getDouble(i);
        }
        return copy;
    }

    /** The elements like Python prints a list: {@code [5, 1, 2]}; each element read on its own, not a snapshot. */
    @Override
    public String toString() {
        StringJoiner joined = new StringJoiner(", ", "[", "]");
        for (int i = 0; i < length(); i++) {
            joined.add(segment.format(i));
        }
        return joined.toString();
    }
}
