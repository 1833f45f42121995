package rwsweep.worker;

import rwsweep.worker.spec.Task;
import rwsweep.worker.spec.TrialResult;
import rwsweep.worker.spec.TrialSpec;
import rwsweep.worker.spec.TrialStatus;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ludovic.netlib.blas.BLAS;
import org.junit.jupiter.api.Test;
import rwsweep.worker.data.Dataset;
import rwsweep.worker.data.MnistSample;
import rwsweep.worker.data.Standardizer;

/** The training loop on real digits: it learns, the init matters, divergence is a result, runs reproduce. */
class TrainerTest {
    /** The first n bundled MNIST digits (class-balanced), standardised with their own statistics. */
    static Dataset digits(int n) {
        Dataset raw = MnistSample.load().head(n);
        return Standardizer.fit(raw).apply(raw);
    }

    static TrialSpec.Builder spec(Dataset data, int... hidden) {
        int[] sizes = new int[hidden.length + 2];
        sizes[0] = data.dim();
        System.arraycopy(hidden, 0, sizes, 1, hidden.length);
        sizes[sizes.length - 1] = data.classes();
        return TrialSpec.builder().activation(Activation.TANH).sizes(sizes).g(1.13)
                .lambda(0.05, 0.05).epochs(3).batchSize(20).seed(7).data(data.id(), data.size());
    }

    @Test
    void tanhAtTheRandomWalkGainLearnsAThousandDigits() {
        // Issue 3: g = 1.13 drives training error on 1,000 digits to at most 2% within 30 epochs.
        Dataset data = digits(1000);
        TrialResult r = Trainer.run(spec(data, 100, 100, 100).epochs(30).lambda(0.02, 0.05).build(), data);
        assertEquals(TrialStatus.OK, r.status());
        assertTrue(r.trainError()[0] > 0.8, "an untrained net guesses: " + r.trainError()[0]);
        assertTrue(r.minTrainError() <= 0.02, "min training error " + r.minTrainError());
    }

    @Test
    void depthThirtyAtSmallGainDoesNotTrain() {
        // g = 0.3 shrinks the back-propagated error by ~0.3 a layer (paper.md, section 2):
        // after 29 layers nothing reaches the first layers and the error stays above 50%.
        Dataset data = digits(1000);
        int[] hidden = new int[29];
        java.util.Arrays.fill(hidden, 64);
        TrialResult r = Trainer.run(spec(data, hidden).g(0.3).epochs(30).lambda(0.02, 0.05).dMax(30).build(), data);
        assertTrue(r.minTrainError() > 0.5, "min training error " + r.minTrainError());
        assertTrue(r.logDeltaRatio() < -20, "ln(|δ1|/|δD|) at step 0 = " + r.logDeltaRatio());
    }

    @Test
    void absurdLearningRateDivergesAsAResult() {
        Dataset data = digits(200);
        TrialResult r = Trainer.run(spec(data, 32, 32).activation(Activation.RELU).lambda(1e6, 1e6).build(), data);
        assertEquals(TrialStatus.DIVERGED, r.status());
        assertTrue(r.stopEpoch() >= 1 && r.stopEpoch() <= 3, "diverged in epoch " + r.stopEpoch());
        assertTrue(r.message().contains("epoch " + r.stopEpoch()), r.message());
        assertTrue(r.trainError().length <= r.stopEpoch() + 1);
    }

    @Test
    void sameSpecGivesBitIdenticalCurves() {
        Dataset data = digits(200);
        TrialSpec s = spec(data, 32, 32).build();
        TrialResult a = Trainer.run(s, data);
        TrialResult b = Trainer.run(s, data);
        assertArrayEquals(a.trainError(), b.trainError());
        assertArrayEquals(a.meanLoss(), b.meanLoss());
        assertArrayEquals(a.deltaNorms(), b.deltaNorms());
        assertTrue(a.sameCurves(b));
        TrialResult other = Trainer.run(s.toBuilder().seed(8).build(), data);
        assertNotEquals(a.meanLoss()[3], other.meanLoss()[3], "another seed must give another curve");
    }

    @Test
    void trainingLowersTheLossAndRecordsTheMinimum() {
        Dataset data = digits(200);
        TrialResult r = Trainer.run(spec(data, 32, 32).build(), data);
        assertEquals(TrialStatus.OK, r.status());
        assertEquals(4, r.trainError().length); // epoch 0 (untrained) .. 3
        assertTrue(r.meanLoss()[3] < 0.5 * r.meanLoss()[0], "loss " + r.meanLoss()[0] + " -> " + r.meanLoss()[3]);
        double min = Double.POSITIVE_INFINITY;
        for (double e : r.trainError()) min = Math.min(min, e);
        assertEquals(min, r.minTrainError());
        assertEquals(min, r.trainError()[r.minEpoch().getAsInt()]);
        assertEquals(3, r.deltaNorms().length);
        assertEquals(Math.log(r.deltaNorms()[0] / r.deltaNorms()[2]), r.logDeltaRatio(), 1e-12);
    }

    @Test
    void clippingBoundsEveryStep() {
        // With a clip far below the gradient norm, one epoch moves the weights at most
        // steps × λ × clip = 10 × 0.05 × 1e-6 in norm: the loss barely changes, unlike the unclipped run.
        Dataset data = digits(200);
        TrialResult clipped = Trainer.run(spec(data, 32, 32).epochs(1).clipNorm(1e-6).build(), data);
        TrialResult free = Trainer.run(spec(data, 32, 32).epochs(1).build(), data);
        assertEquals(clipped.meanLoss()[0], clipped.meanLoss()[1], 1e-5);
        assertTrue(free.meanLoss()[1] < free.meanLoss()[0] - 0.1);
    }

    @Test
    void autoencoderReconstructionErrorFalls() {
        Dataset data = digits(200);
        TrialSpec s = TrialSpec.builder().task(Task.AUTOENCODE).activation(Activation.TANH)
                .sizes(784, 64, 16, 64, 784).codeLayer(2).g(1.13).lambda(0.01, 0.01)
                .epochs(3).batchSize(20).seed(3).data(data.id(), data.size()).build();
        TrialResult r = Trainer.run(s, data);
        assertEquals(TrialStatus.OK, r.status());
        assertTrue(r.trainError()[3] < 0.9 * r.trainError()[0], "MSE " + r.trainError()[0] + " -> " + r.trainError()[3]);
    }

    @Test
    void javaBackendTrainsLikeTheNativeOne() {
        // Not bit-identical (different summation orders), but the same curve to float accuracy.
        Dataset data = digits(200);
        TrialSpec s = spec(data, 32, 32).build();
        java.util.List<BLAS> backends = Blas.available();
        TrialResult first = Trainer.run(s, data, backends.get(0));
        TrialResult last = Trainer.run(s, data, backends.get(backends.size() - 1));
        assertEquals(first.provenance().blasBackend(), backends.get(0).getClass().getSimpleName());
        for (int e = 0; e < first.meanLoss().length; e++) {
            assertEquals(first.meanLoss()[e], last.meanLoss()[e], 1e-4 * first.meanLoss()[e], "loss after epoch " + e);
        }
    }

    @Test
    void vectorTanhTrainsLikeExactTanh() {
        Dataset data = digits(200);
        TrialSpec s = spec(data, 32, 32).build();
        boolean before = Activation.useVectorTanh(false);
        TrialResult exact;
        try {
            exact = Trainer.run(s, data);
        } finally {
            Activation.useVectorTanh(before);
        }
        TrialResult vector = Trainer.run(s, data);
        assertEquals("exact", exact.provenance().tanhPath());
        assertEquals("vector", vector.provenance().tanhPath());
        for (int e = 0; e < exact.meanLoss().length; e++) {
            assertEquals(exact.meanLoss()[e], vector.meanLoss()[e], 1e-4 * exact.meanLoss()[e], "loss after epoch " + e);
        }
    }
}
