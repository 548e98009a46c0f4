package io.garrison.engine;

import io.garrison.protocol.FrameOutput;
import io.garrison.protocol.SafeText;
import io.garrison.protocol.WireException;
import io.garrison.protocol.WireValues;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Tasks handed to the pool together (one {@code map}, one task list, one {@code applyAsync}), known by their
 * position in it. The engine keeps no object per task, so a million squares cost their inputs and results and
 * little more; the one thing a task may need beyond that, its earlier attempts after a failure, is kept only
 * for the few tasks that have any. Guarded by the pool's lock.
 */
final class Submission {

    final FunctionRef function;
    final TaskSource tasks;
    final ResultSink sink;
    /** Tasks per message to a worker. */
    final int chunkSize;
    private Map<Integer, Integer> earlierAttempts;
    /** Attempts lost with their host, which do not count against a task's retries (see {@link FailureCause#HOST_LOST}). */
    private Map<Integer, Integer> hostLosses;
    /**
     * Each download's web host, parsed from its URL once: the dispatcher asks for it at every hand-out, for the
     * tasks it scans and for those in workers' hands. Under the pool's lock; null until first asked.
     */
    private String[] webHosts;
    /** A task whose input names no host, told apart from one not parsed yet. */
    private static final String NO_HOST = "";
    /** Inputs a writer thread could not serialize; written there, read under the pool's lock. */
    private final Set<Integer> unsendable = ConcurrentHashMap.newKeySet();

    Submission(FunctionRef function, TaskSource tasks, ResultSink sink, int chunkSize) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunk size must be at least 1");
        }
        this.function = function;
        this.tasks = tasks;
        this.sink = sink;
        this.chunkSize = chunkSize;
    }

    /** Attempts made before the current one (0 for a task that never failed). */
    int attemptsBefore(int position) {
        return earlierAttempts == null ? 0 : earlierAttempts.getOrDefault(position, 0);
    }

    /** Whether any task of this submission failed before and went back to the queue. */
    boolean hasEarlierAttempts() {
        return earlierAttempts != null;
    }

    void recordAttempts(int position, int attempts) {
        if (earlierAttempts == null) {
            earlierAttempts = new HashMap<>();
        }
        earlierAttempts.put(position, attempts);
    }

    /** Attempts of the task that were lost with their host. */
    int hostLosses(int position) {
        return hostLosses == null ? 0 : hostLosses.getOrDefault(position, 0);
    }

    void recordHostLoss(int position) {
        if (hostLosses == null) {
            hostLosses = new HashMap<>();
        }
        hostLosses.merge(position, 1, Integer::sum);
    }

    /** The task's input could not be serialized: it fails as it is, without retries. */
    void markUnsendable(int position) {
        unsendable.add(position);
    }

    boolean isUnsendable(int position) {
        return unsendable.contains(position);
    }

    int index(int position) {
        return tasks.index(position);
    }

    int line(int position) {
        return tasks.line(position);
    }

    Object input(int position) {
        return tasks.input(position);
    }

    /** The task's web host as {@code parse} reads it from the input, parsed once per task; null for none. */
    String webHost(int position, Function<Object, String> parse) {
        if (webHosts == null) {
            webHosts = new String[tasks.size()];
        }
        String host = webHosts[position];
        if (host == null) {
            String parsed = parse.apply(tasks.input(position));
            host = parsed == null ? NO_HOST : parsed;
            webHosts[position] = host;
        }
        return host == NO_HOST ? null : host;
    }

    boolean writeInput(int position, FrameOutput out) {
        return tasks.writeInput(position, out);
    }

    String displayInput(int position) {
        return describe(tasks.input(position));
    }

    /**
     * A value as events show it. A user's {@code toString} runs on the pool's own threads, so one that throws
     * (or recurses through a deep structure) must not take a reader thread, and with it the pool, down.
     */
    static String describe(Object value) {
        return SafeText.of(value);
    }

    /** The tasks of a submission by position 0..size-1: their input, their index in events, their list line. */
    interface TaskSource {
        int size();

        Object input(int position);

        /**
         * Writes the input as a wire value straight from how the source keeps it, if it can; false to have
         * {@link #input} read and the value encoded instead. One that throws must have written nothing: the
         * task then fails as unsendable.
         */
        default boolean writeInput(int position, FrameOutput out) {
            return false;
        }

        /** The task's index in events and failures: its position unless the source says otherwise. */
        default int index(int position) {
            return position;
        }

        /** 1-based line in a task list, 0 when the task did not come from one. */
        default int line(int position) {
            return 0;
        }

        /** A snapshot of inputs, so a caller changing its collection later cannot change the tasks. */
        static TaskSource of(Object[] inputs) {
            return block(inputs, inputs.length, 0);
        }

        /** The first {@code count} of {@code inputs}, whose indices start at {@code firstIndex}. */
        static TaskSource block(Object[] inputs, int count, int firstIndex) {
            return new TaskSource() {
                @Override
                public int size() {
                    return count;
                }

                @Override
                public Object input(int position) {
                    return inputs[position];
                }

                @Override
                public int index(int position) {
                    return firstIndex + position;
                }
            };
        }

        /** One task whose index is {@code index}. */
        static TaskSource single(Object input, int index) {
            return new TaskSource() {
                @Override
                public int size() {
                    return 1;
                }

                @Override
                public Object input(int position) {
                    return input;
                }

                @Override
                public int index(int position) {
                    return index;
                }
            };
        }
    }

    /** Where outcomes go, by position; called under the pool's lock, so keep it short and non-blocking. */
    interface ResultSink {
        void succeeded(int position, Object result);

        /** {@code count} consecutive successes from {@code firstPosition}, values from {@code values[from]}. */
        default void succeeded(int firstPosition, ResultColumn values, int from, int count) {
            for (int i = 0; i < count; i++) {
                succeeded(firstPosition + i, values.get(from + i));
            }
        }

        /**
         * A final failure. The sink builds the exception if it keeps one: an exception records its stack when it is
         * made, and a halted run of a million queued tasks would otherwise make a million that a task list drops.
         */
        void failed(int position, FailedTask failure);
    }

    /**
     * What a final failure says about its task; {@link #exception()} makes the exception a caller is given.
     *
     * @param thrown what the task threw, kept as it came until an exception is made of it; null when it threw
     *               nothing (its worker died, it timed out, it never ran)
     */
    record FailedTask(int index, long pid, String reason, String output, FailureCause cause, WireException thrown) {
        FailedTask(int index, long pid, String reason, String output, FailureCause cause) {
            this(index, pid, reason, output, cause, null);
        }

        /** A new exception at each call: its stack trace is where it is made, on the thread that throws it. */
        TaskFailedException exception() {
            return new TaskFailedException(index, pid, reason, output, cause, thrown == null ? null : taskException());
        }

        /** The task's own exception, or a stand-in that names its class and message when it cannot be had back. */
        private Throwable taskException() {
            try {
                return thrown.exception();
            } catch (WireValues.UnreadableValueException cannot) {
                return new StandInTaskException(thrown.className(), thrown.message(), thrown.frames(),
                        cannot.getMessage());
            }
        }
    }
}
