package io.garrison.ui.main;

import io.garrison.task.TaskList;

/** A task list as read for one task kind: which lines are valid depends on the kind. */
record ParsedList(String kind, TaskList tasks) {

    /** Whether no line can run: a list that would only fail, which the window refuses. */
    boolean noLineFits() {
        return tasks.size() > 0 && tasks.problems().size() == tasks.size();
    }

    /** {@code line N: reason} of the first line that cannot run; empty when every line can. */
    String firstProblem() {
        return tasks.problems().isEmpty() ? "" : tasks.problems().values().iterator().next();
    }
}
