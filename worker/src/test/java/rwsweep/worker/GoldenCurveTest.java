package rwsweep.worker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import rwsweep.worker.data.Dataset;
import rwsweep.worker.spec.TrialResult;
import rwsweep.worker.spec.TrialSpec;
import rwsweep.worker.spec.TrialStatus;

/**
 * The exact curve of one fixed trial: a 3-layer tanh net on the first 200 bundled digits, 2 epochs,
 * on the pure-Java BLAS backend (VectorBLAS: no native library or core type decides its bits) with
 * the vector tanh, the configuration surefire runs (the JVM flags load jdk.incubator.vector). Any
 * change to the numbers of training — init, forward, backward, the step, the shuffle, the data's
 * standardisation — moves these bits; that is what NUMERICS_VERSION is for: bump it, so no new
 * result is stored under an old key, and re-pin. The bits are hex of Double.doubleToLongBits.
 * trainError is a count over 200, so only a change of a prediction moves it; meanLoss moves with
 * the last bit of any weight. The exact tanh ({@code Math.tanh}) gives other loss bits from epoch 0
 * on, so the test sets the vector tanh itself rather than trusting the JVM it runs in.
 */
class GoldenCurveTest {
    private static final String[] TRAIN_ERROR = {"3feb851eb851eb85", "3fceb851eb851eb8", "3fc147ae147ae148"};
    private static final String[] MEAN_LOSS = {"40030345209b1afd", "3ff2d4a89d7be3cc", "3fecadfb8460a909"};

    @Test
    void curveOfTheFixedTrialIsPinned() {
        assertEquals(2, Trainer.NUMERICS_VERSION, "NUMERICS_VERSION changed: re-pin the curve below");
        Dataset data = TrainerTest.digits(200);
        TrialSpec spec = TrialSpec.builder().activation(Activation.TANH).sizes(data.dim(), 32, 32, data.classes())
                .g(1.13).lambda(0.05, 0.05).epochs(2).batchSize(20).seed(7).data(data.id(), data.size()).build();
        boolean before = Activation.useVectorTanh(true);
        TrialResult r;
        try {
            r = Trainer.run(spec, data, Blas.javaBackend());
        } finally {
            Activation.useVectorTanh(before);
        }
        assertEquals(TrialStatus.OK, r.status());
        assertEquals("VectorBLAS", r.provenance().blasBackend(), "the pinned bits are VectorBLAS's");
        assertArrayEquals(TRAIN_ERROR, bits(r.trainError()), "curve changed: bump NUMERICS_VERSION (and re-pin) — trainError "
                + Arrays.toString(r.trainError()) + " = " + String.join(", ", bits(r.trainError())));
        assertArrayEquals(MEAN_LOSS, bits(r.meanLoss()), "curve changed: bump NUMERICS_VERSION (and re-pin) — meanLoss "
                + Arrays.toString(r.meanLoss()) + " = " + String.join(", ", bits(r.meanLoss())));
    }

    private static String[] bits(double[] values) {
        return Arrays.stream(values).mapToObj(v -> Long.toHexString(Double.doubleToLongBits(v))).toArray(String[]::new);
    }
}
