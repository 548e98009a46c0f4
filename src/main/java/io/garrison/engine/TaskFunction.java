package io.garrison.engine;

import java.io.Serializable;

/**
 * A function a worker process runs: a lambda or class that must be on the class path the workers share
 * (they run the parent's own class path), serialized once and sent to each worker that needs it.
 * Capture only serializable values; a lambda that captures the enclosing object sends that object too.
 */
@FunctionalInterface
public interface TaskFunction<T, R> extends Serializable {
    R apply(T input) throws Exception;
}
