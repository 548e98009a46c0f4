package io.garrison.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.garrison.engine.TaskFunction;
import java.io.ByteArrayInputStream;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LambdaReferenceTest {

    private static final ClassLoader LOADER = LambdaReferenceTest.class.getClassLoader();

    @SuppressWarnings("unchecked")
    private static <T, R> TaskFunction<T, R> sentAndRevived(TaskFunction<T, R> function) throws Exception {
        LambdaReference sent = LambdaReference.of(function).orElseThrow();
        FrameOutput out = new FrameOutput(256);
        sent.writeTo(out);
        LambdaReference read = LambdaReference.readFrom(new FrameInput(new ByteArrayInputStream(out.toByteArray()), 64));
        assertThat(read).isEqualTo(sent);
        return (TaskFunction<T, R>) read.revive(LOADER);
    }

    @Test
    void aLambdaThatCapturesNothingComesBackFromItsNamesAndWorks() throws Exception {
        TaskFunction<Integer, Integer> square = x -> x * x;

        TaskFunction<Integer, Integer> revived = sentAndRevived(square);

        assertThat(revived.apply(7)).isEqualTo(49);
        assertThat(LambdaReference.of(square).orElseThrow().implMethodName()).startsWith("lambda$");
    }

    @Test
    void methodReferencesComeBackWithTheirBoxingAndReceivers() throws Exception {
        TaskFunction<Integer, Integer> abs = Math::abs;
        TaskFunction<String, Integer> length = String::length;

        assertThat(sentAndRevived(abs).apply(-3)).isEqualTo(3);
        assertThat(sentAndRevived(length).apply("garrison")).isEqualTo(8);
    }

    @Test
    void capturingLambdasAndFunctionObjectsAreLeftToSerialization() {
        int step = 3;
        TaskFunction<Integer, Integer> capturing = x -> x + step;
        TaskFunction<Integer, Integer> object = new TaskFunction<>() {
            private static final long serialVersionUID = 1L;

            @Override
            public Integer apply(Integer x) {
                return x;
            }
        };

        assertThat(LambdaReference.of(capturing)).isEmpty();
        assertThat(LambdaReference.of(object)).isEmpty();
        assertThat(LambdaReference.of("not a function")).isEmpty();
    }

    @Test
    void eachLambdaHasItsOwnKeyAndTheKeyIsNeverASerializationStream() {
        TaskFunction<Integer, Integer> one = x -> x + 1;
        TaskFunction<Integer, Integer> two = x -> x + 2;
        Optional<LambdaReference> first = LambdaReference.of(one);

        assertThat(first.orElseThrow().key()).isEqualTo(LambdaReference.of(one).orElseThrow().key())
                .isNotEqualTo(LambdaReference.of(two).orElseThrow().key());
        assertThat(first.get().key()[0]).isNotEqualTo((byte) 0xAC);
    }

    @Test
    void aCapturingClassThatIsNotHereOrDoesNotKnowTheLambdaIsNamedInTheError() {
        LambdaReference real = LambdaReference.of((TaskFunction<Integer, Integer>) x -> x).orElseThrow();
        LambdaReference elsewhere = new LambdaReference("com/example/Gone", real.functionalInterfaceClass(),
                real.functionalInterfaceMethodName(), real.functionalInterfaceMethodSignature(), real.implMethodKind(),
                "com/example/Gone", real.implMethodName(), real.implMethodSignature(), real.instantiatedMethodType());
        LambdaReference otherBuild = new LambdaReference(real.capturingClass(), real.functionalInterfaceClass(),
                real.functionalInterfaceMethodName(), real.functionalInterfaceMethodSignature(), real.implMethodKind(),
                real.implClass(), "lambda$notInThisBuild$0", real.implMethodSignature(), real.instantiatedMethodType());

        assertThatThrownBy(() -> elsewhere.revive(LOADER)).isInstanceOf(WireValues.UnreadableValueException.class)
                .hasMessageContaining("class not on this class path").hasMessageContaining("com.example.Gone");
        assertThatThrownBy(() -> otherBuild.revive(LOADER)).isInstanceOf(WireValues.UnreadableValueException.class)
                .hasMessageContaining("Invalid lambda deserialization");
    }
}
