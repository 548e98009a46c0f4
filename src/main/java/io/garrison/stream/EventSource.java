package io.garrison.stream;

import io.garrison.engine.WorkerId;

/**
 * A live stream of a pool's events that something other than this process's own pool produces: a pipe, a running
 * command line, a Python script. What the source can do to the pool it reports on is asked, not assumed: a pipe can
 * only be read, a running {@code garrison run} or a Python script can lose a worker on request.
 */
public interface EventSource extends AutoCloseable {

    /** Starts delivering to {@code sink} on a thread of the source's own; once. */
    void start(EventSink sink);

    /** Whether {@link #kill} reaches the pool's workers. */
    boolean canKill();

    /** SIGKILLs the worker {@code id} of the pool the stream reports on. @throws UnsupportedOperationException if it cannot */
    void kill(WorkerId id);

    /** Stops reading (and whatever the source started); the sink hears {@code ended} if it had not yet. */
    @Override
    void close();
}
