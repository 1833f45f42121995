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
import rwsweep.worker.spec.Provenance;
import rwsweep.worker.spec.TrialResult;
import rwsweep.worker.spec.TrialSpec;
import rwsweep.worker.spec.TrialStatus;

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
        return spec(depth, width, epochs, 3);
    }

    private static TrialSpec spec(int depth, int width, int epochs, long seed) {
        int[] sizes = new int[depth + 1];
        Arrays.fill(sizes, width);
        sizes[0] = 784;
        sizes[depth] = 10;
        return TrialSpec.builder().activation(Activation.TANH).sizes(sizes).g(1.1).lambda(0.01, 0.01)
                .epochs(epochs).batchSize(20).clipNorm(5).seed(seed).data(Digits.data().id(), Digits.N).build();
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

    @Test
    void finishedTrialsInTheStoreGiveTheirShapesRateWithoutAProbe() {
        TrialSpec ran = spec(4, 32, 2, 1);
        TrialResult finished = Trainer.run(ran, Digits.data());
        TrialSpec next = spec(4, 32, 3, 2);           // same shape, another seed, one epoch more
        CostModel model = CostModel.calibrate(List.of(next), List.of(finished), Digits.data(), 1, true);
        assertTrue(model.calibration().startsWith("the store's 1 finished trial of 1 of 1 net shape (their own wall times; "
                + Blas.resolve().getClass().getSimpleName()), model.calibration());
        assertTrue(model.calibration().contains("): no probe; the JIT's warm-up "), model.calibration());
        // plan runs no trials: no warm-up either
        assertTrue(CostModel.calibrate(List.of(next), List.of(finished), Digits.data(), 1, false).calibration().endsWith("): no probe"));
        // the stored trial's FLOPs over its wall time, applied to the new trial's FLOPs
        double rate = CostModel.flops(ran) / finished.wallSeconds();
        assertEquals(CostModel.flops(next) / rate, model.seconds(next), 1e-9 * model.seconds(next));

        // a trial that stopped after 1 of its 2 epochs paid for half its FLOPs in its wall time
        TrialResult stopped = new TrialResult(ran, TrialStatus.DIVERGED, "diverged", 1, finished.trainError(),
                finished.meanLoss(), finished.deltaNorms(), finished.logDeltaRatio(), 0.25, finished.provenance());
        assertEquals(0.5, CostModel.shareOfCost(stopped));
        CostModel half = CostModel.calibrate(List.of(next), List.of(stopped), Digits.data(), 1, true);
        assertEquals(CostModel.flops(next) / (0.5 * CostModel.flops(ran) / 0.25), half.seconds(next), 1e-9);

        // a shape the store lacks and too short to be worth a probe takes the stored rate
        TrialSpec other = spec(2, 16, 1, 1);
        CostModel mixed = CostModel.calibrate(List.of(next, other), List.of(finished), Digits.data(), 1, true);
        assertTrue(mixed.calibration().contains("of 1 of 2 net shapes")
                && mixed.calibration().endsWith("; the other 1 shape, not probed, take the rate of the stored shape nearest in width"),
                mixed.calibration());
        assertEquals(model.seconds(next), mixed.seconds(next), 1e-12);
        assertEquals(CostModel.flops(other) / rate, mixed.seconds(other), 1e-9 * mixed.seconds(other));
        // one worth a probe is probed, alone
        TrialSpec probed = spec(16, 128, 1000, 1);   // only estimated: over 5 s a core at 20 GFLOP/s
        CostModel both = CostModel.calibrate(List.of(next, probed), List.of(finished), Digits.data(), 1, true);
        assertTrue(both.calibration().contains("; the other shapes: probe of 1 of 1 net shape on this core"), both.calibration());
        assertEquals(model.seconds(next), both.seconds(next), 1e-12);

        // a trial that ran on another BLAS core type says nothing about this one's speed
        Provenance p = finished.provenance();
        TrialResult elsewhere = new TrialResult(ran, TrialStatus.OK, "", 2, finished.trainError(), finished.meanLoss(),
                finished.deltaNorms(), finished.logDeltaRatio(), 0.25,
                new Provenance(p.blasBackend(), "Other" + p.coreType(), p.tanhPath(), p.host(), p.jvm(), p.os(), p.codeVersion()));
        assertTrue(CostModel.calibrate(List.of(next), List.of(elsewhere), Digits.data(), 1, true).calibration()
                .startsWith("20 GFLOP/s per core assumed"));
    }
}
