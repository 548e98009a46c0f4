package io.garrison.engine;

import io.garrison.protocol.LambdaReference;
import io.garrison.protocol.WireValues;
import io.garrison.task.ResumableParts;
import io.garrison.task.SafeFileNames;
import io.garrison.task.TaskKinds;
import io.garrison.task.TaskOptions;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.WeakHashMap;

/**
 * The functions a pool's workers run, each known by an id the workers cache: a task kind with its options, a
 * lambda by the names that rebuild it, or serialized bytes. The same function gets the same id, so a worker is
 * sent its definition once.
 *
 * <p>Threading: any thread; the registry guards its maps with its own monitor and calls nothing of the pool's while holding it.
 */
final class FunctionRegistry {

    /** Whether a function class is a lambda without captured values (the same every time it is sent). */
    private static final ClassValue<Boolean> CAPTURES_NOTHING = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            if (!type.isSynthetic() || type.getDeclaredFields().length > 0) {
                return false;
            }
            try {
                Method writeReplace = type.getDeclaredMethod("writeReplace");
                return writeReplace.getReturnType() == Object.class;
            } catch (NoSuchMethodException e) {
                return false;
            }
        }
    };

    /** By the bytes that identify a function. Accessed only under this registry's monitor. */
    private final Map<ByteBuffer, FunctionRef> functions = new HashMap<>();
    /** Lambdas already serialized, by identity (lambdas keep Object's equals); weak, so none is kept alive. */
    private final Map<TaskFunction<?, ?>, FunctionRef> lambdaFunctions = Collections.synchronizedMap(new WeakHashMap<>());

    FunctionRef kind(String kind, TaskOptions options) {
        TaskKinds.require(kind);
        StringBuilder key = new StringBuilder("kind:").append(kind);
        new TreeMap<>(options.asMap()).forEach((k, v) -> key.append('\0').append(k).append('=').append(v));
        ByteBuffer identity = ByteBuffer.wrap(key.toString().getBytes(StandardCharsets.UTF_8));
        synchronized (functions) {
            return functions.computeIfAbsent(identity, k -> FunctionRef.ofKind(functions.size() + 1, kind, options));
        }
    }

    /**
     * A lambda that captures nothing is described once per pool, by the names that rebuild it
     * ({@link LambdaReference}): serializing it again at each {@code applyAsync} call costs more than running short
     * tasks, and a fresh worker reads names faster than a serialization stream (decision 0018). Any other function
     * (one with fields, or a lambda whose captured objects may have changed) is serialized at every call, so what
     * reaches the workers is what the function is now.
     */
    FunctionRef serialized(TaskFunction<?, ?> function) {
        Objects.requireNonNull(function, "function");
        if (!CAPTURES_NOTHING.get(function.getClass())) {
            return ofBytes(function);
        }
        FunctionRef known = lambdaFunctions.get(function);
        if (known == null) {
            Optional<LambdaReference> lambda = LambdaReference.of(function);
            known = lambda.isPresent() ? ofLambda(lambda.get()) : ofBytes(function);
            lambdaFunctions.put(function, known);
        }
        return known;
    }

    /**
     * A worker that was killed mid-download or mid-command never got to remove its half-written files. A body it
     * was receiving with a validator is kept, to be continued by the task's next attempt.
     */
    void removeTemporariesOf(WorkerSlot slot) {
        synchronized (functions) {
            for (FunctionRef function : functions.values()) {
                if (slot.hasDefined(function.id)) {
                    function.outputDir().ifPresent(dir -> {
                        if ("download".equals(function.kind())) {
                            ResumableParts.keepLeftInFlight(dir);
                        }
                        SafeFileNames.removeTemporaries(dir, slot.id().pid());
                    });
                }
            }
        }
    }

    private FunctionRef ofLambda(LambdaReference lambda) {
        synchronized (functions) {
            return functions.computeIfAbsent(ByteBuffer.wrap(lambda.key()), k -> FunctionRef.ofLambda(functions.size() + 1, lambda));
        }
    }

    private FunctionRef ofBytes(TaskFunction<?, ?> function) {
        byte[] bytes;
        try {
            bytes = WireValues.serialize(function);
        } catch (IOException e) {
            throw new IllegalArgumentException("the function cannot be sent to a worker (it must be Serializable, "
                    + "and so must everything it captures): " + e, e);
        }
        synchronized (functions) {
            return functions.computeIfAbsent(ByteBuffer.wrap(bytes), k -> FunctionRef.ofSerialized(functions.size() + 1, bytes));
        }
    }
}
