package io.garrison.task;

/**
 * What a running task may ask of the worker that runs it. One context per task; used from the task's own
 * thread only.
 */
public interface TaskContext {

    /** 1-based number of the task within its list, GNU parallel's {@code {#}}. */
    int taskNumber();

    /**
     * The slot of the worker running the task, 1 to the pool's size, GNU parallel's {@code {%}}: a worker that
     * replaces a dead one takes its slot, and a shrink renumbers the workers that stay into the new range.
     */
    int slotNumber();

    TaskOptions options();

    /** The same context seen with other options; used by the worker to hand a kind its run's settings. */
    TaskContext withOptions(TaskOptions options);

    /** Reports progress; the worker throttles what it sends. {@code total} is -1 when unknown. */
    void progress(long done, long total);

    /**
     * Reports the final count of a task whose count says what it did (a download's bytes), sent whatever the
     * throttle: the parent counts the run's bytes from it.
     */
    default void progressDone(long done, long total) {
        progress(done, total);
    }

    /** Appends to the task's captured output, shown grouped when the task ends. */
    void output(byte[] bytes, int offset, int length);
}
