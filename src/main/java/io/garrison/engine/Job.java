package io.garrison.engine;

/**
 * One task inside the engine: what to run, where it came from, where its outcome goes, and its attempts.
 * Mutable fields are guarded by the pool's lock. Kept small: a bulk map holds millions of them; when a task
 * started is its worker's business ({@code WorkerProcess.currentStartNanos}).
 */
final class Job {

    /** Given when queued, consecutive within a chunk; the worker echoes it back with the result. */
    int id;
    /** 0-based index within its list or submission, reported in events. */
    final int index;
    /** 1-based line in the task list, 0 when the task did not come from a list. */
    final int line;
    final Object input;
    final FunctionRef function;
    final ResultSink sink;

    int attempts;
    /** Whether the current attempt has begun in a worker (cleared when the job goes back to the queue). */
    boolean started;

    Job(int index, int line, Object input, FunctionRef function, ResultSink sink) {
        this.index = index;
        this.line = line;
        this.input = input;
        this.function = function;
        this.sink = sink;
    }

    String displayInput() {
        return String.valueOf(input);
    }

    /** Where a job's final outcome is delivered, called under the pool's lock: keep it short and non-blocking. */
    interface ResultSink {
        void succeeded(Job job, Object result);

        void failed(Job job, TaskFailedException failure);
    }
}
