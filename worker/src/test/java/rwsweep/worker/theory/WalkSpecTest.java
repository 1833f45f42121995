package rwsweep.worker.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import rwsweep.worker.Activation;
import rwsweep.worker.data.Dataset;
import rwsweep.worker.init.InitScheme;
import rwsweep.worker.spec.Critical;
import rwsweep.worker.spec.TrialSpec;
import rwsweep.worker.spec.TrialStatus;

/**
 * One point of a random-walk sweep: its key is stable and covers every field, it runs to the
 * walk or the optimum it names, a point that cannot be computed is a FAILED result; and the
 * critical g a training net gets in each sense.
 */
class WalkSpecTest {
    private static WalkSpec.Builder linear(int n, int depth) {
        int[] sizes = new int[depth + 1];
        java.util.Arrays.fill(sizes, n);
        return WalkSpec.builder().activation(Activation.LINEAR).sizes(sizes).nets(200).seed(3);
    }

    /** Keys are forever: this one is pinned, and every field changes it. */
    @Test
    void keyIsPinnedAndCoversEveryField() {
        WalkSpec base = linear(20, 10).walkAt(1.1, null).build();
        assertEquals("642efc47b55ef9b2", base.key(), "a walk key changed: bump WalkSpec.WALK_VERSION if the numbers did");
        WalkSpec[] others = {
            linear(21, 10).walkAt(1.1, null).build(),
            linear(20, 11).walkAt(1.1, null).build(),
            linear(20, 10).walkAt(1.2, null).build(),
            linear(20, 10).findOptimalG().build(),
            linear(20, 10).walkAt(1.1, null).activation(Activation.TANH).build(),
            linear(20, 10).walkAt(1.1, null).init(InitScheme.HE, 2.0, 0.0).build(),
            linear(20, 10).walkAt(1.1, null).data("abc", 100).build(),
            linear(20, 10).walkAt(1.1, null).source(WalkSource.LOSS).build(),
            linear(20, 10).walkAt(1.1, null).nets(201).build(),
            linear(20, 10).walkAt(1.1, null).seed(4).build(),
            linear(20, 10).walkAt(1.1, null).keep(5).build(),
        };
        for (WalkSpec o : others) assertNotEquals(base.key(), o.key(), o.canonical());
        // which optimum g was is a record, not a number: the same walk, the same key
        assertEquals(base.key(), linear(20, 10).walkAt(1.1, Critical.FINITE_DEPTH).build().key());
    }

    /**
     * An OPTIMAL_G point finds the linear optimum (exact theory within 5 se of the 200 nets),
     * its walk there has mean ≈ 0, and the steady-state optimum stands beside it.
     */
    @Test
    void optimalGPointRunsTheSearchAndTheWalkAtTheOptimum() {
        WalkResult r = FiniteDepthWalk.run(linear(20, 30).findOptimalG().keep(3).build(), null);
        assertEquals(TrialStatus.OK, r.status(), r.message());
        double exact = FiniteDepthWalkTest.exactLinearG(20);
        assertEquals(Math.log(exact), Math.log(r.optimalG().getAsDouble()), 5 * r.optimalSe());
        assertTrue(r.optimalLow() < r.g() && r.g() < r.optimalHigh());
        assertEquals(r.optimalG().getAsDouble(), r.g(), 0.0);
        assertEquals(0.0, r.meanLogRatio(), 1e-6);
        assertEquals(RandomWalk.simulatedOptimalG(Activation.LINEAR, 20), r.steadyStateG().getAsDouble(), 0.0);
        assertEquals(3 * 30, r.sampleWalks().length);
        assertEquals(30, r.mean().length);
        assertEquals(0.0, r.mean()[29], 0.0); // w_D = 0
        assertEquals(200, r.alive()[0]);
        assertEquals("none", r.provenance().blasBackend());
    }

    /** A point that cannot be computed is a result, not an exception: FAILED with the reason. */
    @Test
    void impossiblePointsAreFailedResults() {
        int[] sizes = new int[101];
        java.util.Arrays.fill(sizes, 6);
        WalkResult narrow = FiniteDepthWalk.run(WalkSpec.builder().activation(Activation.TANH).sizes(sizes).nets(50)
                .findOptimalG().build(), null);
        assertEquals(TrialStatus.FAILED, narrow.status());
        assertTrue(narrow.message().contains("give g explicitly"), narrow.message());
        WalkResult noData = FiniteDepthWalk.run(linear(20, 10).walkAt(1.0, null).data("abc", 100).build(), null);
        assertEquals(TrialStatus.FAILED, noData.status());
        assertTrue(noData.message().contains("made for data abc"), noData.message());
        assertThrows(IllegalArgumentException.class, () -> linear(20, 10).build()); // a WALK point needs g
        assertThrows(IllegalArgumentException.class, () -> linear(20, 10).walkAt(1, null).nets(1).build());
    }

    /**
     * The critical g of a training net. Linear and ReLU: the formulas, whatever the depth.
     * tanh, finite depth: the optimum of the net itself (784 inputs of unit variance here, 10
     * outputs, width 64, depth 20), deterministic, in 1.1–1.5 and above the steady-state value at
     * the same width (≈ 1.15 vs the finite 1.2–1.3: well outside the 0.3% se of 400 nets and the
     * 0.01 seed spread of the steady state). Depth 1 has no walk: steady state at the fan-in.
     */
    @Test
    void criticalGOfATrainingNet() {
        Dataset data = gaussianData(784, 10, 400);
        WalkInput input = WalkInput.sample(data);
        TrialSpec tanh = classifier(Activation.TANH, 784, 64, 20, 10);
        double finite = CriticalG.of(Critical.FINITE_DEPTH, tanh, input);
        double steady = CriticalG.of(Critical.STEADY_STATE, tanh, input);
        assertEquals(RandomWalk.optimalG(Activation.TANH, 64), steady, 0.0);
        assertEquals(finite, CriticalG.of(Critical.FINITE_DEPTH, tanh, input), 0.0);
        assertTrue(finite > 1.1 && finite < 1.5, "finite " + finite);
        assertTrue(finite - steady > 0.03, "finite " + finite + ", steady " + steady);
        for (Critical kind : Critical.values()) {
            assertEquals(RandomWalk.gLinear(64), CriticalG.of(kind, classifier(Activation.LINEAR, 784, 64, 20, 10), input), 0.0);
            assertEquals(RandomWalk.gRelu(64), CriticalG.of(kind, classifier(Activation.RELU, 784, 64, 20, 10), input), 0.0);
        }
        TrialSpec shallow = TrialSpec.builder().activation(Activation.TANH).sizes(784, 10).g(1).lambda(1, 1).epochs(1).batchSize(1).build();
        assertEquals(RandomWalk.optimalG(Activation.TANH, 784), CriticalG.of(Critical.FINITE_DEPTH, shallow, input), 0.0);
        assertEquals(36, CriticalG.walkWidth(new int[] {784, 30, 60, 30, 784})); // harmonic mean of 30, 60, 30: 3/(5/60)
        // nets × hidden and output units held at 4e6 between 50 and 400 nets: the same precision for every shape
        assertEquals(400, CriticalG.nets(tanh.sizes()));              // 19·64 + 10 units
        int[] stunt = new int[1001];
        java.util.Arrays.fill(stunt, 100);
        assertEquals(50, CriticalG.nets(stunt));                      // 4e6 / 1e5 = 40, held at 50
        java.util.Arrays.fill(stunt, 0, 201, 100);
        assertEquals(200, CriticalG.nets(java.util.Arrays.copyOf(stunt, 201)));  // 4e6 / 2e4
    }

    private static TrialSpec classifier(Activation f, int nIn, int width, int depth, int nOut) {
        int[] sizes = new int[depth + 1];
        java.util.Arrays.fill(sizes, width);
        sizes[0] = nIn;
        sizes[depth] = nOut;
        return TrialSpec.builder().activation(f).sizes(sizes).init(InitScheme.GAUSSIAN).g(0.5).lambda(1, 1).epochs(1).batchSize(1).build();
    }

    private static Dataset gaussianData(int dim, int classes, int n) {
        SplittableRandom rng = new SplittableRandom(9);
        float[] x = new float[dim * n];
        int[] labels = new int[n];
        for (int i = 0; i < x.length; i++) x[i] = (float) rng.nextGaussian();
        for (int i = 0; i < n; i++) labels[i] = rng.nextInt(classes);
        return new Dataset("gaussian", dim, classes, x, labels);
    }
}
