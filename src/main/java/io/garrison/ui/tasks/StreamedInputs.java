package io.garrison.ui.tasks;

import java.util.Arrays;
import java.util.Map;

/**
 * The tasks an event stream has named so far: a stream says no list up front, only each task as an event first
 * names it, so the rows grow as it goes. A task named by index before its input (a gap while workers take tasks
 * out of order) reads as empty until an event gives it. Capacity doubles, so growing costs O(1) a task.
 */
final class StreamedInputs implements TaskInputs {

    private String[] inputs = new String[64];
    private int[] lines = new int[64];
    private int size;

    /** Records what an event says of {@code task}; the tasks up to it exist from now on. */
    void name(int task, int line, String input) {
        if (task >= inputs.length) {
            int capacity = Math.max(task + 1, inputs.length * 2);
            inputs = Arrays.copyOf(inputs, capacity);
            lines = Arrays.copyOf(lines, capacity);
        }
        if (inputs[task] == null && input != null) {
            inputs[task] = input;
            lines[task] = line;
        }
        size = Math.max(size, task + 1);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public String input(int task) {
        check(task);
        return inputs[task] == null ? "" : inputs[task];
    }

    @Override
    public int line(int task) {
        check(task);
        return lines[task];
    }

    @Override
    public Map<Integer, String> problems() {
        return Map.of();
    }

    private void check(int task) {
        if (task < 0 || task >= size) {
            throw new IndexOutOfBoundsException("task " + task + " of " + size);
        }
    }
}
