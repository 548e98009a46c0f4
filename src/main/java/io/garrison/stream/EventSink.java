package io.garrison.stream;

import io.garrison.engine.PoolEvent;
import java.io.IOException;

/** Where an {@link EventSource} delivers. Called from the source's own thread, in stream order. */
public interface EventSink {

    void event(PoolEvent event);

    /** A line that is not an event: skipped, and the stream goes on. */
    void badLine(BadEventLine problem);

    /**
     * The stream ended: {@code failure} is null when it ended as streams end (end of file, the run or script
     * finished), else what broke it. Called once, last.
     */
    void ended(IOException failure);
}
