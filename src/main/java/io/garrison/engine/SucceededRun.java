package io.garrison.engine;

import java.util.function.Consumer;

/**
 * Consecutive successes of one worker, handed to the event thread whole. The thread that reads a worker's
 * results holds the pool's lock, and building two events per task there (a {@code TaskStarted} and a
 * {@code TaskSucceeded}, each with the result or input as text) made a watched map several times slower
 * (decision 0014). The event thread builds them as it delivers them, in the
 * order a task at a time had: each task's start (unless it went out before the batch came), then its success;
 * or it hands the run itself to listeners that take runs ({@link PoolListener#wantsSucceededRuns()}). Only used
 * while none of the submission's tasks has an earlier attempt, so every start is attempt 1.
 *
 * @param firstStartSent whether the first task's {@code TaskStarted} was published already
 * @param withStarts     whether listeners read {@code TaskStarted}
 * @param withInputs     whether listeners read {@code TaskSucceeded.input()}
 */
record SucceededRun(Submission submission, int firstPosition, ResultColumn values, int valuesFrom, int count,
                    WorkerId worker, long runMsEach, long timestampMs, boolean firstStartSent, boolean withStarts,
                    boolean withInputs) implements SucceededTasks {

    @Override
    public long pid() {
        return worker.pid();
    }

    @Override
    public int task(int i) {
        return submission.index(firstPosition + i);
    }

    @Override
    public String result(int i) {
        return Submission.describe(values.get(valuesFrom + i));
    }

    /** Builds this run's events one by one, in order, for {@code deliver}. */
    @Override
    public void forEachEvent(Consumer<PoolEvent> deliver) {
        for (int i = 0; i < count; i++) {
            int position = firstPosition + i;
            int index = submission.index(position);
            int line = submission.line(position);
            // Once per task: it decodes the input again, and the start and the success show the same text.
            String input = withStarts || withInputs ? submission.displayInput(position) : "";
            if (withStarts && (i > 0 || !firstStartSent)) {
                deliver.accept(new PoolEvent.TaskStarted(timestampMs, index, line, input, worker.pid(), 1,
                        worker.host()));
            }
            deliver.accept(new PoolEvent.TaskSucceeded(timestampMs, index, line, withInputs ? input : "",
                    worker.pid(), result(i), runMsEach, "", worker.host()));
        }
    }
}
