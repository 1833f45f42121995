package rwsweep.worker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import rwsweep.worker.data.Dataset;

/** The training loop's contract on small data: divergence is a result, runs are reproducible. */
class TrainerTest {
    /** Two Gaussian blobs in 8 dimensions, labels by blob: easy to learn, cheap to train. */
    static Dataset blobs(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[n * 8];
        int[] labels = new int[n];
        for (int e = 0; e < n; e++) {
            labels[e] = e % 2;
            for (int i = 0; i < 8; i++) x[e * 8 + i] = (float) (random.nextGaussian() + (labels[e] == 0 ? 1 : -1));
        }
        return new Dataset("blobs", 8, 2, x, labels);
    }

    static TrialSpec.Builder spec(Dataset data) {
        return TrialSpec.builder().activation(Activation.TANH).sizes(8, 16, 16, 2).g(1.1)
                .lambda(0.05, 0.05).epochs(5).batchSize(10).seed(7).data(data.id(), data.size());
    }

    @Test
    void absurdLearningRateDivergesAsAResult() {
        Dataset data = blobs(200, 1);
        TrialResult r = Trainer.run(spec(data).activation(Activation.RELU).lambda(1e6, 1e6).build(), data);
        assertEquals(TrialStatus.DIVERGED, r.status());
        assertTrue(r.stopEpoch() >= 1 && r.stopEpoch() <= 5, "diverged in epoch " + r.stopEpoch());
        assertTrue(r.message().contains("epoch " + r.stopEpoch()), r.message());
        assertTrue(r.trainError().length <= r.stopEpoch() + 1);
    }

    @Test
    void sameSpecGivesBitIdenticalCurves() {
        Dataset data = blobs(200, 2);
        TrialSpec s = spec(data).build();
        TrialResult a = Trainer.run(s, data);
        TrialResult b = Trainer.run(s, data);
        assertArrayEquals(a.trainError(), b.trainError());
        assertArrayEquals(a.meanLoss(), b.meanLoss());
        assertArrayEquals(a.deltaNorms(), b.deltaNorms());
        assertTrue(a.sameCurves(b));
        TrialResult other = Trainer.run(s.toBuilder().seed(8).build(), data);
        assertNotEquals(a.meanLoss()[5], other.meanLoss()[5], "another seed must give another curve");
    }

    @Test
    void trainingLowersTheLossAndRecordsTheMinimum() {
        Dataset data = blobs(200, 3);
        TrialResult r = Trainer.run(spec(data).build(), data);
        assertEquals(TrialStatus.OK, r.status());
        assertEquals(6, r.trainError().length); // epoch 0 (untrained) .. 5
        assertTrue(r.meanLoss()[5] < 0.5 * r.meanLoss()[0], "loss " + r.meanLoss()[0] + " -> " + r.meanLoss()[5]);
        double min = Double.POSITIVE_INFINITY;
        for (double e : r.trainError()) min = Math.min(min, e);
        assertEquals(min, r.minTrainError());
        assertEquals(min, r.trainError()[r.minEpoch()]);
        assertEquals(3, r.deltaNorms().length);
        assertEquals(Math.log(r.deltaNorms()[0] / r.deltaNorms()[2]), r.logDeltaRatio(), 1e-12);
    }

    @Test
    void clippingBoundsEveryStep() {
        // With a clip far below the gradient norm, one epoch can move the weights only
        // (steps × λ × clip) in norm: the loss barely changes, unlike the unclipped run.
        Dataset data = blobs(200, 4);
        TrialResult clipped = Trainer.run(spec(data).epochs(1).clipNorm(1e-6).build(), data);
        TrialResult free = Trainer.run(spec(data).epochs(1).build(), data);
        assertEquals(clipped.meanLoss()[0], clipped.meanLoss()[1], 1e-5);
        assertTrue(free.meanLoss()[1] < free.meanLoss()[0] - 0.05);
    }
}
