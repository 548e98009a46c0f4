package io.garrison.protocol;

/**
 * The one-byte tags that open every message between the parent and a worker.
 *
 * <p>The worker's stdin carries {@link #DEFINE}, {@link #RUN}, {@link #RECALL}, {@link #PING} and {@link #STATS_ASK}; its stdout
 * carries the rest. Closing the worker's stdin is the only shutdown signal: a worker that reads end-of-file
 * exits, which is what keeps a SIGKILLed parent from leaving orphans. A worker on another host may never read
 * end-of-file when the network between it and its parent fails, so it also leaves when its parent falls silent
 * (see {@link #HEARTBEAT_PROPERTY}).
 */
public final class MessageType {

    /** parent → worker: a function id and how to build it (a task kind with options, or serialized bytes). */
    public static final byte DEFINE = 1;
    /**
     * parent → worker: a chunk of tasks for one function, run in order: function id, count, the first task id
     * (ids are consecutive within a chunk), the worker's slot number for these tasks ({@code {%}}), then per task
     * its number and its input.
     */
    public static final byte RUN = 2;
    /**
     * parent → worker: give back a task sent ahead (its id), if it has not started; answered by
     * {@link #RECALLED}, or not at all when the task had already begun (its outcome follows as usual).
     */
    public static final byte RECALL = 3;
    /**
     * parent → worker: nothing but a sign of life, sent every few seconds to workers started with
     * {@link #HEARTBEAT_PROPERTY}; no answer.
     */
    public static final byte PING = 4;
    /**
     * parent → worker: how is the worker's process doing (a request number); answered by {@link #STATS} at once,
     * even in the middle of a task. The parent asks rather than looks: a worker on another host is no process of
     * the parent's machine.
     */
    public static final byte STATS_ASK = 5;

    /**
     * Names the system property that carries the marker a worker writes before its first message; see
     * {@code FrameInput.skipPast}.
     */
    public static final String MARKER_PROPERTY = "garrison.worker.marker";

    /**
     * Names the system property that makes a worker leave, exiting with {@link #PARENT_SILENT_EXIT_STATUS}, when
     * nothing has come from its parent for that many milliseconds. Set for workers on other hosts, whose parent
     * pings them well within it; without it a worker waits for its parent as long as its stdin stays open.
     */
    public static final String HEARTBEAT_PROPERTY = "garrison.worker.heartbeatMillis";

    /** The exit status of a worker that left because nothing came from its parent for its heartbeat's limit. */
    public static final int PARENT_SILENT_EXIT_STATUS = 4;

    /** Names the system property set on the training run that records the classes a worker loads (AppCDS). */
    public static final String EXIT_NORMALLY_PROPERTY = "garrison.worker.exitNormally";

    /** worker → parent: the worker is ready; carries its OS PID. */
    public static final byte HELLO = 10;
    /** worker → parent: bytes (or other units) done of a task, and the total if known (else -1). */
    public static final byte PROGRESS = 11;
    /** worker → parent: a task returned a value. */
    public static final byte SUCCEEDED = 12;
    /**
     * worker → parent: a task threw or reported failure: the task id, its run time, exit value, reason, output,
     * how it may be retried, then what it threw ({@link WireException}).
     */
    public static final byte FAILED = 13;
    /**
     * worker → parent: consecutive tasks that all succeeded without printing anything: the first task id, the
     * count, their total run time, then one value each. One message (and one lock in the parent) for
     * thousands of tiny tasks.
     */
    public static final byte SUCCEEDED_BATCH = 14;
    /** worker → parent: a recalled task (its id) was taken back before it started and will not run here. */
    public static final byte RECALLED = 15;
    /**
     * worker → parent: the answer to {@link #STATS_ASK}: the request number, then the worker process's uptime and
     * CPU time in ms, its resident memory in kB (each -1 when its system does not tell) and its command line.
     */
    public static final byte STATS = 16;

    /** DEFINE: the function is a named task kind with string options. */
    public static final byte FUNCTION_KIND = 0;
    /** DEFINE: the function is a serialized {@code TaskFunction} sent by the parent that started this worker. */
    public static final byte FUNCTION_SERIALIZED = 1;
    /** DEFINE: the function is a lambda that captures nothing, as the names of a {@code LambdaReference}. */
    public static final byte FUNCTION_LAMBDA = 2;

    private MessageType() {
    }
}
