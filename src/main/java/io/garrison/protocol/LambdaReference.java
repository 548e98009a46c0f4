package io.garrison.protocol;

import java.io.IOException;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A serializable lambda that captures nothing, sent as the names that rebuild it rather than as a Java
 * serialization stream. A fresh worker reading such a stream pays for starting {@code ObjectInputStream} (its
 * filter configuration, its loggers and the lambdas inside it); rebuilding the lambda from its names through its
 * class's own {@code $deserializeLambda$}, which is what deserialization ends up calling anyway, with the same
 * checks, costs a third of that, and every worker of a starting pool pays it (decision 0018).
 *
 * <p>Lambdas that capture values (and any other function) still travel as serialized bytes.
 */
public record LambdaReference(String capturingClass, String functionalInterfaceClass,
                              String functionalInterfaceMethodName, String functionalInterfaceMethodSignature,
                              int implMethodKind, String implClass, String implMethodName, String implMethodSignature,
                              String instantiatedMethodType) {

    private static final String DESERIALIZE = "$deserializeLambda$";

    /**
     * The names of a serializable lambda that captures nothing; empty for anything else, and where the lambda
     * class does not let us ask (a named module that does not open its package), so the caller serializes it.
     */
    public static Optional<LambdaReference> of(Object function) {
        try {
            Method writeReplace = function.getClass().getDeclaredMethod("writeReplace");
            writeReplace.setAccessible(true);
            if (!(writeReplace.invoke(function) instanceof SerializedLambda lambda) || lambda.getCapturedArgCount() > 0) {
                return Optional.empty();
            }
            return Optional.of(new LambdaReference(lambda.getCapturingClass(), lambda.getFunctionalInterfaceClass(),
                    lambda.getFunctionalInterfaceMethodName(), lambda.getFunctionalInterfaceMethodSignature(),
                    lambda.getImplMethodKind(), lambda.getImplClass(), lambda.getImplMethodName(),
                    lambda.getImplMethodSignature(), lambda.getInstantiatedMethodType()));
        } catch (ReflectiveOperationException | RuntimeException notOneWeCanRead) {
            return Optional.empty();
        }
    }

    public void writeTo(FrameOutput out) {
        out.writeString(capturingClass);
        out.writeString(functionalInterfaceClass);
        out.writeString(functionalInterfaceMethodName);
        out.writeString(functionalInterfaceMethodSignature);
        out.writeInt(implMethodKind);
        out.writeString(implClass);
        out.writeString(implMethodName);
        out.writeString(implMethodSignature);
        out.writeString(instantiatedMethodType);
    }

    public static LambdaReference readFrom(FrameInput in) throws IOException {
        return new LambdaReference(in.readString(), in.readString(), in.readString(), in.readString(), in.readInt(),
                in.readString(), in.readString(), in.readString(), in.readString());
    }

    /**
     * Identifies the lambda among the pool's functions; it cannot equal a serialization stream, which starts
     * with the bytes 0xAC 0xED.
     */
    public byte[] key() {
        return String.join("\0", "lambda", capturingClass, functionalInterfaceClass, functionalInterfaceMethodName,
                functionalInterfaceMethodSignature, Integer.toString(implMethodKind), implClass, implMethodName,
                implMethodSignature, instantiatedMethodType).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The lambda again, made by its capturing class as deserialization would make it.
     *
     * @throws WireValues.UnreadableValueException when a class is not on this class path or the class does not
     *                                             know the lambda (a different build of it)
     */
    public Object revive(ClassLoader loader) throws WireValues.UnreadableValueException {
        try {
            Class<?> capturing = Class.forName(capturingClass.replace('/', '.'), false, loader);
            SerializedLambda lambda = new SerializedLambda(capturing, functionalInterfaceClass,
                    functionalInterfaceMethodName, functionalInterfaceMethodSignature, implMethodKind, implClass,
                    implMethodName, implMethodSignature, instantiatedMethodType, new Object[0]);
            Method deserialize = capturing.getDeclaredMethod(DESERIALIZE, SerializedLambda.class);
            deserialize.setAccessible(true);
            return deserialize.invoke(null, lambda);
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            throw new WireValues.UnreadableValueException("class not on this class path: " + e.getMessage(), e);
        } catch (NoSuchMethodException e) {
            throw new WireValues.UnreadableValueException(capturingClass + " has no serializable lambdas here", e);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new WireValues.UnreadableValueException(cause.toString(), cause);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new WireValues.UnreadableValueException(e.toString(), e);
        }
    }
}
