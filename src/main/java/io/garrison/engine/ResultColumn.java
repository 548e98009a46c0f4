package io.garrison.engine;

import java.util.Arrays;

/**
 * Results by position, with int results kept unboxed. A million squares then cost the parent one int array
 * instead of a million {@code Integer} objects, which the garbage collector would otherwise copy again and
 * again while a map runs. Other results (and nulls) are kept as they are. Not thread-safe.
 */
final class ResultColumn {

    /** Marks, in {@link #others}, a slot whose value is in {@link #ints}. */
    private static final Object IN_INTS = new Object();

    private final int size;
    private int[] ints;
    /** Null while every value set so far is an int; then a value per slot, {@link #IN_INTS} for int slots. */
    private Object[] others;

    ResultColumn(int size) {
        this.size = size;
    }

    int size() {
        return size;
    }

    void setInt(int position, int value) {
        if (ints == null) {
            ints = new int[size];
        }
        ints[position] = value;
        if (others != null) {
            others[position] = IN_INTS;
        }
    }

    void set(int position, Object value) {
        if (value instanceof Integer i) {
            setInt(position, i);
            return;
        }
        otherSlots()[position] = value;
    }

    Object get(int position) {
        Object other = others == null ? IN_INTS : others[position];
        if (other != IN_INTS) {
            return other;
        }
        return ints == null ? null : ints[position];
    }

    /**
     * This column, to be read into again from its first slot (every slot is written before it is read), or null
     * once it holds other values: its {@link #others} would be copied along with every later batch of ints, and
     * would give the collector's column an {@code others} of its own.
     */
    ResultColumn reusable() {
        return others == null ? this : null;
    }

    /** Copies {@code count} values from {@code source[from]} to this column's {@code to}. */
    void copy(ResultColumn source, int from, int to, int count) {
        if (source.ints != null) {
            if (ints == null) {
                ints = new int[size];
            }
            System.arraycopy(source.ints, from, ints, to, count);
        }
        if (source.others != null) {
            System.arraycopy(source.others, from, otherSlots(), to, count);
        } else if (others != null) {
            Arrays.fill(others, to, to + count, IN_INTS);
        }
    }

    private Object[] otherSlots() {
        if (others == null) {
            others = new Object[size];
            if (ints != null) {
                Arrays.fill(others, IN_INTS);
            }
        }
        return others;
    }
}
