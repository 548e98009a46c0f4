package io.garrison.lessons;

import io.garrison.engine.PoolListener;
import io.garrison.engine.ProcessPool;
import io.garrison.shared.ChildJvm;
import java.time.Duration;

/** The pools lessons make for themselves: lesson-sized, bounded, and watched by the caller's listener. */
public final class LessonPools {

    /** No lesson step takes this long unless something is wrong; the pool then kills the stuck worker. */
    static final Duration TASK_TIMEOUT = Duration.ofMinutes(10);

    /** How long a lesson waits for its workers to start before it goes on anyway (a loaded machine is slow). */
    static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private LessonPools() {
    }

    static ProcessPool create(int workers) {
        return builder(workers).build();
    }

    /**
     * A pool of {@code workers} processes that reports every event, worker starts included, to {@code listener}.
     *
     * @param listener receives the pool's events on its event thread; {@code null} for none
     */
    public static ProcessPool create(int workers, PoolListener listener) {
        ProcessPool.Builder builder = builder(workers);
        if (listener != null) {
            builder.listener(listener);
        }
        return builder.build();
    }

    /** The settings every lesson pool shares; callers add their own (retries, Python's loss of tasks). */
    static ProcessPool.Builder builder(int workers) {
        return ProcessPool.builder()
                .size(workers)
                .taskTimeout(TASK_TIMEOUT)
                .jvmOptions(ChildJvm.inheritedOptions());
    }

    static ProcessPool.Builder withListener(ProcessPool.Builder builder, PoolListener listener) {
        return listener == null ? builder : builder.listener(listener);
    }
}
