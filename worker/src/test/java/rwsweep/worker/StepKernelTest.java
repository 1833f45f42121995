package rwsweep.worker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The fused update-and-norm kernel: vector equals scalar bit for bit, and both equal the plain formulas. */
class StepKernelTest {
    @Test
    void vectorAndScalarKernelsGiveTheSameBitsAndTheRightNumbers() {
        SplittableRandom random = new SplittableRandom(9);
        // lengths around the chunk and lane boundaries, from offsets that are not multiples of 8
        for (int[] range : new int[][] {{0, 7}, {3, 3 + 8}, {5, 5 + 4096}, {1, 1 + 4096 + 13}, {11, 11 + 3 * 4096 + 1}}) {
            int from = range[0], to = range[1];
            float[] grad = new float[to + 5];
            float[] params = new float[to + 5];
            for (int i = 0; i < grad.length; i++) {
                grad[i] = (float) (random.nextGaussian() * Math.exp(3 * random.nextGaussian()));
                params[i] = (float) random.nextGaussian();
            }
            float[] vectorParams = params.clone();
            float[] scalarParams = params.clone();
            double vector = VectorStepKernel.updateAndSquaredNorm(vectorParams, grad, from, to, 0.01f);
            double scalar = StepKernel.scalar(scalarParams, grad, from, to, 0.01f);
            assertEquals(Double.doubleToLongBits(scalar), Double.doubleToLongBits(vector), "norm over " + from + ".." + to);
            assertArrayEquals(scalarParams, vectorParams, "params over " + from + ".." + to);
            double exact = 0;
            for (int i = from; i < to; i++) exact += (double) grad[i] * grad[i];
            // float lanes over ≤ 512 terms each: relative error ≤ 512·2^-24 ≈ 3e-5, in practice far less
            assertEquals(exact, scalar, 3e-5 * exact, "norm over " + from + ".." + to);
            for (int i = 0; i < params.length; i++) {
                float expected = i >= from && i < to ? params[i] - grad[i] * 0.01f : params[i];
                assertEquals(expected, scalarParams[i], 0f, "param " + i);
            }
        }
    }
}
