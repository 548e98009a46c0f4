package io.garrison.ui.tasks;

import io.garrison.task.TaskList;
import java.util.Map;

/** Each task's input, line and (for a line that cannot run) problem: a loaded list's, or those a stream named. */
interface TaskInputs {

    int size();

    String input(int task);

    int line(int task);

    /** Task index → {@code line N: reason}. */
    Map<Integer, String> problems();

    static TaskInputs of(TaskList list) {
        return new TaskInputs() {
            @Override
            public int size() {
                return list.size();
            }

            @Override
            public String input(int task) {
                return list.input(task);
            }

            @Override
            public int line(int task) {
                return list.line(task);
            }

            @Override
            public Map<Integer, String> problems() {
                return list.problems();
            }
        };
    }
}
