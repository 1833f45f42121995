package rwsweep.driver.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
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
 * machine is shared, so the prediction only has to land within a factor of {@link #FACTOR} of the
 * trial's own CPU time (its thread's; BLAS runs on one thread), which other processes' load leaves
 * alone where they stretch its wall time (the assumed 20 GFLOP/s misses the same trial by 2-4×).
 */
class CostModelTest {
    /** Predicted over measured seconds must lie in [1/FACTOR, FACTOR]. */
    private static final double FACTOR = 3.0;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

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
            long cpu = THREADS.getCurrentThreadCpuTime();
            TrialResult measured = Trainer.run(t, Digits.data());
            double cpuSeconds = (THREADS.getCurrentThreadCpuTime() - cpu) * 1e-9;
            double ratio = model.seconds(t) / cpuSeconds;
            assertTrue(ratio > 1 / FACTOR && ratio < FACTOR, model.calibration() + ": predicted " + model.seconds(t)
                    + " s, measured " + cpuSeconds + " s of CPU (" + measured.wallSeconds() + " s wall) for " + t.network());
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
