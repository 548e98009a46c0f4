package io.garrison.lessons;

import io.garrison.engine.ProcessPool;
import io.garrison.shared.ChildJvm;
import java.time.Duration;

/** The pool a lesson makes for itself when the caller (the command line) brings none. */
final class LessonPools {

    /** No lesson step takes this long unless something is wrong; the pool then kills the stuck worker. */
    static final Duration TASK_TIMEOUT = Duration.ofMinutes(10);

    private LessonPools() {
    }

    static ProcessPool create(int workers) {
        return ProcessPool.builder()
                .size(workers)
                .taskTimeout(TASK_TIMEOUT)
                .jvmOptions(ChildJvm.inheritedOptions())
                .build();
    }
}
