package io.garrison.cli;

import io.garrison.engine.ProcessPool;
import io.garrison.engine.TaskRun;
import io.garrison.task.DownloadNames;
import io.garrison.task.TaskList;
import io.garrison.task.TaskListReader;
import io.garrison.task.TaskOptions;
import java.io.IOException;

/** The task list of a {@code garrison run}: streamed from its file or pipe, or, when it had to be, held whole. */
abstract class RunList {

    /** Starts the run of this list. @throws IOException if the list's first block cannot be read */
    abstract TaskRun start(ProcessPool pool, String kind, TaskOptions options, int chunkSize, TaskRun.Skip skip)
            throws IOException;

    /** Closes what the list is read from; a streamed list's own thread closes it too, when it is read to the end. */
    abstract void close();

    static RunList whole(TaskList list) {
        return new RunList() {
            @Override
            TaskRun start(ProcessPool pool, String kind, TaskOptions options, int chunkSize, TaskRun.Skip skip) {
                return TaskRun.start(pool, list, kind, options, chunkSize, skip);
            }

            @Override
            void close() {
                // nothing is open
            }
        };
    }

    static RunList streamed(TaskListReader reader) {
        return streamed(reader, null);
    }

    /** A download list streamed, whose file names were found in a first reading of it. */
    static RunList streamed(TaskListReader reader, DownloadNames names) {
        return new RunList() {
            @Override
            TaskRun start(ProcessPool pool, String kind, TaskOptions options, int chunkSize, TaskRun.Skip skip)
                    throws IOException {
                return TaskRun.stream(pool, reader, kind, names == null ? options : names.addedTo(options), chunkSize,
                        skip);
            }

            @Override
            void close() {
                try {
                    reader.close();
                } catch (IOException alreadyGone) {
                    // the run is over; nothing is lost by a list that will not close
                }
            }
        };
    }
}
