package io.garrison.ui.main;

import io.garrison.task.TaskKind;
import io.garrison.task.TaskKinds;
import io.garrison.task.TaskList;
import io.garrison.task.TaskOptions;
import java.io.IOException;
import java.util.List;

/**
 * Finds the task kind a list is written for, when the user has not chosen one: a list of URLs is for
 * {@code download}, a list of whole numbers for {@code square}. Runs where the list is read, off the FX thread.
 */
final class KindFit {

    /**
     * The kinds a list's lines tell apart, in order of preference. Sleep and cpu take the same lines as square
     * (whole numbers), so a list of numbers cannot choose them; command takes any line and needs a template the
     * user writes, so no list chooses it.
     */
    static final List<String> TELLING_KINDS = List.of("square", "download");

    /** How many of the refused lines are tried on another kind before the list is read again for it. */
    private static final int SAMPLE = 64;

    /** Reads the list again for another kind. */
    @FunctionalInterface
    interface Reading {
        TaskList readAs(String kind) throws IOException;
    }

    private KindFit() {
    }

    /**
     * The reading, among {@code read} and the {@link #TELLING_KINDS}, that refuses the fewest lines; {@code read}
     * when it refuses none or no kind does better. A kind is read only when it takes one of the first lines
     * {@code read}'s kind refuses, so a million numbers with one stray line are not read a second time.
     */
    static ParsedList bestFit(ParsedList read, TaskOptions options, Reading reading) throws IOException {
        ParsedList best = read;
        for (String name : TELLING_KINDS) {
            if (best.tasks().problems().isEmpty()) {
                break;
            }
            if (name.equals(read.kind()) || !takesARefusedLine(TaskKinds.require(name), read.tasks(), options)) {
                continue;
            }
            TaskList again = reading.readAs(name);
            if (again.problems().size() < best.tasks().problems().size()) {
                best = new ParsedList(name, again);
            }
        }
        return best;
    }

    private static boolean takesARefusedLine(TaskKind kind, TaskList tasks, TaskOptions options) {
        int tried = 0;
        for (int task : tasks.problems().keySet()) {
            if (kind.validate(tasks.input(task), options).isEmpty()) {
                return true;
            }
            if (++tried == SAMPLE) {
                return false;
            }
        }
        return false;
    }
}
