package io.garrison.task;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The tasks read from a task list: each one's input, the 1-based line it came from, and, for a line that
 * cannot run, the reason. Invalid lines stay in the list (they fail at once, never silently vanish).
 * Stored as flat arrays (inputs packed as UTF-8) so a million-line list stays lean. Immutable once built.
 */
public final class TaskList {

    private final PackedStrings inputs;
    private final int[] lines;
    private final int size;
    private final Map<Integer, String> problems;

    TaskList(PackedStrings inputs, int[] lines, int size, Map<Integer, String> problems) {
        this.inputs = inputs;
        this.lines = lines;
        this.size = size;
        this.problems = Collections.unmodifiableMap(new TreeMap<>(problems));
    }

    /** A list made in code, one task per input, lines numbered from 1. */
    public static TaskList of(String... inputs) {
        int[] lines = new int[inputs.length];
        Arrays.setAll(lines, i -> i + 1);
        PackedStrings.Builder packed = new PackedStrings.Builder();
        for (String input : inputs) {
            packed.add(input);
        }
        return new TaskList(packed.build(), lines, inputs.length, Map.of());
    }

    /**
     * A list made in code whose tasks keep the lines they had elsewhere (a joblog's failed commands, retried under
     * their Seq), so that failures name those lines. @throws IllegalArgumentException if the lengths differ
     */
    public static TaskList onLines(List<String> inputs, int[] lines) {
        if (inputs.size() != lines.length) {
            throw new IllegalArgumentException(inputs.size() + " inputs, " + lines.length + " lines");
        }
        PackedStrings.Builder packed = new PackedStrings.Builder();
        for (String input : inputs) {
            packed.add(input);
        }
        return new TaskList(packed.build(), lines.clone(), lines.length, Map.of());
    }

    public int size() {
        return size;
    }

    public String input(int task) {
        checkIndex(task);
        return inputs.get(task);
    }

    /**
     * Hands the task's input to {@code sink} as UTF-8, as it is stored: a million inputs sent to workers then
     * cost a copy each, not a decode to a String and an encode back.
     */
    public void copyInput(int task, Utf8Sink sink) {
        checkIndex(task);
        inputs.copy(task, sink);
    }

    /** The 1-based line of the list this task came from. */
    public int line(int task) {
        checkIndex(task);
        return lines[task];
    }

    /** {@code line N: reason} when the task's line is invalid. */
    public Optional<String> problem(int task) {
        checkIndex(task);
        return Optional.ofNullable(problems.get(task));
    }

    /** Task index → {@code line N: reason}, in list order. */
    public Map<Integer, String> problems() {
        return problems;
    }

    private void checkIndex(int task) {
        if (task < 0 || task >= size) {
            throw new IndexOutOfBoundsException("task " + task + " of " + size);
        }
    }
}
