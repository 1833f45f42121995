package rwsweep.worker.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import rwsweep.worker.Activation;
import rwsweep.worker.Trainer;
import rwsweep.worker.init.InitScheme;

/**
 * Keys are forever: the keys of a few fixed specs, one per corner of the spec (each nonlinearity,
 * both tasks, the init schemes with parameters of their own, clipping, decay, separate input and
 * output gains, a parameter budget, dMax above the depth). Every stored result is found by its key,
 * so a key that changes silently orphans every store written before. A NUMERICS_VERSION bump
 * changes every key on purpose: then re-pin the table; any other change of a key is a bug.
 */
class GoldenKeyTest {
    private static final String DATA = "0123456789abcdef";

    @BeforeAll
    static void pinnedAtVersionTwo() {
        assertEquals(2, Trainer.NUMERICS_VERSION, "NUMERICS_VERSION changed: re-pin every key in this table");
    }

    static Stream<Arguments> specs() {
        return Stream.of(
                Arguments.of(Named.of("tanh classifier, Gaussian, all defaults", TrialSpec.builder()
                        .activation(Activation.TANH).sizes(784, 64, 64, 10).g(1.0).lambda(0.05, 0.05)
                        .epochs(5).batchSize(20).seed(1).data(DATA, 1000).build()), "81d6cbda5cc2bb31"),
                Arguments.of(Named.of("relu classifier, He, clip and decay", TrialSpec.builder()
                        .activation(Activation.RELU).sizes(784, 100, 100, 100, 10).init(InitScheme.HE).g(1.3)
                        .lambda(0.01, 0.02).epochs(20).batchSize(50).epochDecay(0.95).clipNorm(5.0)
                        .seed(42).data(DATA, 60000).build()), "70026ad6e930a359"),
                Arguments.of(Named.of("linear autoencoder, orthogonal, code layer 2", TrialSpec.builder()
                        .task(Task.AUTOENCODE).activation(Activation.LINEAR).sizes(784, 32, 8, 32, 784).codeLayer(2)
                        .init(InitScheme.ORTHOGONAL).g(1.0).lambda(0.001, 0.001).epochs(10).batchSize(100)
                        .seed(3).data(DATA, 2000).build()), "7dbfcf9d856d87ce"),
                Arguments.of(Named.of("relu classifier, fractional moment s = 1.5, leaky slope 0.1", TrialSpec.builder()
                        .activation(Activation.RELU).sizes(784, 48, 48, 48, 48, 10).init(InitScheme.FRACTIONAL_MOMENT)
                        .fractionalS(1.5).leakySlope(0.1).g(1.1).lambda(0.02, 0.05).epochs(3).batchSize(20)
                        .seed(9).data(DATA, 500).build()), "4411ec04813eee9b"),
                Arguments.of(Named.of("tanh random walk, budget, own gIn/gOut, dMax 10", TrialSpec.builder()
                        .activation(Activation.TANH).sizes(784, 20, 20, 20, 10).parameterLimit(17000)
                        .init(InitScheme.RANDOM_WALK).g(1.05).gIn(0.9).gOut(1.5).lambda(0.02, 0.05).dMax(10)
                        .epochs(30).batchSize(10).clipNorm(1.0).seed(123456789L).data(DATA, 200).build()), "7eb912c827cdc67a"));
    }

    @Test
    void aDefaultValuedSpecHasExactlyTheFieldsOfVersionTwo() {
        // The rule for a field added to TrialSpec later: at its default it is left out of canonical(),
        // so every key pinned above (and every store) survives it. Written with the default it would
        // change this string, and with it every key, without any trial's numbers having changed.
        TrialSpec defaults = TrialSpec.builder().activation(Activation.TANH).sizes(784, 64, 64, 10).g(1.0)
                .lambda(0.05, 0.05).epochs(5).batchSize(20).seed(1).data(DATA, 1000).build();
        assertEquals("v=2;task=CLASSIFY;f=TANH;sizes=784,64,64,10;code=0;plim=0;init=GAUSSIAN;g=1.0;gIn=1.0;gOut=1.0;"
                + "s=2.0;leak=0.0;lambdaIn=0.05;lambdaOut=0.05;dMax=3;epochs=5;batch=20;decay=1.0;clip=infinity;"
                + "seed=1;data=0123456789abcdef;n=1000", defaults.canonical(),
                "the canonical form changed: a new field at its default must be left out of it");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void keyIsPinned(TrialSpec spec, String key) {
        assertEquals(key, spec.key(), "a trial key changed without a NUMERICS_VERSION bump: " + spec.canonical());
    }
}
