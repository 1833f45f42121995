package rwsweep.driver.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import rwsweep.worker.Activation;
import rwsweep.worker.Blas;
import rwsweep.worker.Trainer;
import rwsweep.worker.spec.TrialResult;
import rwsweep.worker.spec.TrialSpec;

/**
 * The calibrated cost model against a trial measured on this machine. Not a timing test: the
 * machine is shared and its load changes from one second to the next, so the prediction (CPU
 * speed times the load the probe saw) only has to land within a factor of {@link #FACTOR} of the
 * trial's wall time (the assumed 20 GFLOP/s misses the same trial by 2-4× on an idle machine).
 */
class CostModelTest {
    /** Predicted over measured seconds must lie in [1/FACTOR, FACTOR]. */
    private static final double FACTOR = 3.0;

    private static TrialSpec spec(int depth, int width, int epochs) {
        int[] sizes = new int[depth + 1];
        Arrays.fill(sizes, width);
        sizes[0] = 784;
        sizes[depth] = 10;
        return TrialSpec.builder().activation(Activation.TANH).sizes(sizes).g(1.1).lambda(0.01, 0.01)
                .epochs(epochs).batchSize(20).clipNorm(5).seed(3).data(Digits.data().id(), Digits.N).build();
    }

    @Test
    void theProbedModelPredictsAMeasuredTrialWithinAFactor() {
        TrialSpec deep = spec(16, 64, 30);
        TrialSpec wide = spec(4, 128, 30);
        CostModel model = CostModel.probe(List.of(deep, wide), Digits.data(), 1);
        assertTrue(model.calibration().startsWith("probe of 2 of 2 net shapes"), model.calibration());
        assertTrue(model.calibration().contains(Blas.resolve().getClass().getSimpleName()), model.calibration());
        for (TrialSpec t : List.of(deep, wide)) {
            Trainer.run(t, Digits.data()); // warm, as the trials of a sweep are after their first
            TrialResult measured = Trainer.run(t, Digits.data());
            double ratio = model.seconds(t) / measured.wallSeconds();
            assertTrue(ratio > 1 / FACTOR && ratio < FACTOR, model.calibration() + ": predicted " + model.seconds(t)
                    + " s, measured " + measured.wallSeconds() + " s for " + t.network());
        }
    }

    @Test
    void anAssumedRateIsTheFlopCountOverIt() {
        TrialSpec t = spec(8, 32, 2);
        CostModel model = CostModel.assumed(20, "--gflops");
        assertEquals(CostModel.flops(t) / 20e9, model.seconds(t), 1e-15);
        assertEquals("20 GFLOP/s per core assumed (--gflops)", model.calibration());
    }
}
