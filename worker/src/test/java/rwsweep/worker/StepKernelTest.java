package rwsweep.worker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The step kernels: each vector kernel equals its scalar twin bit for bit, and both equal the plain
 * formulas — the fused update-and-norm, and the norm and the update alone (a clipped step), which
 * must give the fused kernel's bits, so that a clip that is not reached changes nothing.
 */
class StepKernelTest {
    // lengths around the chunk and lane boundaries, from offsets that are not multiples of 8
    private static final int[][] RANGES = {{0, 7}, {3, 3 + 8}, {5, 5 + 4096}, {1, 1 + 4096 + 13}, {11, 11 + 3 * 4096 + 1}};
    private static final float STEP = 0.01f;

    /** Gradient entries over many orders of magnitude, parameters ~N(0, 1), 5 spare entries past each range. */
    private static float[][] problem(SplittableRandom random, int length) {
        float[] grad = new float[length + 5];
        float[] params = new float[length + 5];
        for (int i = 0; i < grad.length; i++) {
            grad[i] = (float) (random.nextGaussian() * Math.exp(3 * random.nextGaussian()));
            params[i] = (float) random.nextGaussian();
        }
        return new float[][] {grad, params};
    }

    /** Σ∇² in double: float lanes over ≤ 512 terms each give relative error ≤ 512·2^-24 ≈ 3e-5, in practice far less. */
    private static void assertNorm(float[] grad, int from, int to, double norm) {
        double exact = 0;
        for (int i = from; i < to; i++) exact += (double) grad[i] * grad[i];
        assertEquals(exact, norm, 3e-5 * exact, "norm over " + from + ".." + to);
    }

    /** θ − step·∇ inside [from, to), θ unchanged outside, to the bit (one float multiply, one subtract). */
    private static void assertUpdated(float[] before, float[] grad, int from, int to, float[] after) {
        for (int i = 0; i < before.length; i++) {
            float expected = i >= from && i < to ? before[i] - grad[i] * STEP : before[i];
            assertEquals(expected, after[i], 0f, "param " + i);
        }
    }

    @Test
    void vectorAndScalarKernelsGiveTheSameBitsAndTheRightNumbers() {
        SplittableRandom random = new SplittableRandom(9);
        for (int[] range : RANGES) {
            int from = range[0], to = range[1];
            float[][] p = problem(random, to);
            float[] grad = p[0], params = p[1];
            float[] vectorParams = params.clone();
            float[] scalarParams = params.clone();
            double vector = VectorStepKernel.updateAndSquaredNorm(vectorParams, grad, from, to, STEP);
            double scalar = StepKernel.scalar(scalarParams, grad, from, to, STEP);
            assertEquals(Double.doubleToLongBits(scalar), Double.doubleToLongBits(vector), "norm over " + from + ".." + to);
            assertArrayEquals(scalarParams, vectorParams, "params over " + from + ".." + to);
            assertNorm(grad, from, to, scalar);
            assertUpdated(params, grad, from, to, scalarParams);
        }
    }

    @Test
    void normAloneAndUpdateAloneGiveTheFusedKernelsBits() {
        SplittableRandom random = new SplittableRandom(12);
        for (int[] range : RANGES) {
            int from = range[0], to = range[1];
            float[][] p = problem(random, to);
            float[] grad = p[0], params = p[1];
            float[] fused = params.clone();
            double fusedNorm = StepKernel.scalar(fused, grad, from, to, STEP);
            assertEquals(Double.doubleToLongBits(fusedNorm), Double.doubleToLongBits(VectorStepKernel.squaredNorm(grad, from, to)));
            assertEquals(Double.doubleToLongBits(fusedNorm), Double.doubleToLongBits(StepKernel.scalarNorm(grad, from, to)));
            float[] vectorParams = params.clone(), scalarParams = params.clone();
            VectorStepKernel.update(vectorParams, grad, from, to, STEP);
            StepKernel.scalarUpdate(scalarParams, grad, from, to, STEP);
            assertArrayEquals(fused, vectorParams, "params over " + from + ".." + to);
            assertArrayEquals(fused, scalarParams, "params over " + from + ".." + to);
        }
    }

    @Test
    void squaresThatOverflowFloatGiveAFiniteNormAndNonFiniteEntriesDoNot() {
        SplittableRandom random = new SplittableRandom(13);
        int from = 3, to = 3 + 2 * 4096 + 5;
        float[] grad = new float[to];
        for (int i = 0; i < to; i++) grad[i] = (float) (1e20 * random.nextGaussian()); // squares ~1e40 > Float.MAX_VALUE
        double exact = 0;
        for (int i = from; i < to; i++) exact += (double) grad[i] * grad[i];
        for (boolean fused : new boolean[] {true, false}) {
            float[] params = new float[to];
            double vector = fused ? VectorStepKernel.updateAndSquaredNorm(params.clone(), grad, from, to, STEP)
                    : VectorStepKernel.squaredNorm(grad, from, to);
            double scalar = fused ? StepKernel.scalar(params.clone(), grad, from, to, STEP) : StepKernel.scalarNorm(grad, from, to);
            assertEquals(Double.doubleToLongBits(scalar), Double.doubleToLongBits(vector), fused ? "fused" : "norm alone");
            assertEquals(exact, scalar, 1e-12 * exact, fused ? "fused" : "norm alone"); // summed in double: exact to ~1e-15
        }
        grad[from + 5000] = Float.POSITIVE_INFINITY;
        assertEquals(Double.POSITIVE_INFINITY, StepKernel.scalarNorm(grad, from, to));
        assertEquals(Double.POSITIVE_INFINITY, VectorStepKernel.squaredNorm(grad, from, to));
        grad[from + 7] = Float.NaN;
        assertTrue(Double.isNaN(StepKernel.scalarNorm(grad, from, to)));
        assertTrue(Double.isNaN(VectorStepKernel.squaredNorm(grad, from, to)));
    }
}
