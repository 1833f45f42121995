package rwsweep.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The vectorised tanh: bit-identical to its scalar twin (hence to itself whatever the JIT does,
 * since both use only IEEE-exact operations), and within 5 ulps of {@code Math.tanh} over the whole
 * float range.
 */
class ElementwiseTest {
    /** Every 97th bit pattern (odd stride: every exponent, many mantissas), both signs, subnormals, ±0, ±∞, NaN. */
    private interface Check {
        void value(float x, float vector, float exact);
    }

    private static void overTheFloatRange(Check check) {
        int stride = 97;
        float[] x = new float[1 << 20];
        float[] v = new float[x.length];
        float[] exact = new float[x.length];
        long bits = 0;
        while (bits < (1L << 32)) {
            int m = (int) Math.min(x.length, ((1L << 32) - bits + stride - 1) / stride);
            for (int i = 0; i < m; i++, bits += stride) x[i] = Float.intBitsToFloat((int) bits);
            System.arraycopy(x, 0, v, 0, m);
            System.arraycopy(x, 0, exact, 0, m);
            VectorTanh.apply(v, 0, m);
            Activation.exactTanh(exact, 0, m);
            for (int i = 0; i < m; i++) check.value(x[i], v[i], exact[i]);
        }
    }

    @Test
    void vectorTanhIsOnWhenTheVectorModuleIsLoaded() {
        // The test JVM runs with the project's flags (--add-modules=jdk.incubator.vector).
        assertTrue(Activation.VECTOR_TANH_AVAILABLE, "surefire should run with the vector module");
    }

    @Test
    void vectorLanesEqualTheScalarTwinBitForBit() {
        overTheFloatRange((x, vector, exact) -> {
            float scalar = VectorTanh.tanh(x);
            if (Float.floatToRawIntBits(scalar) != Float.floatToRawIntBits(vector)
                    && !(Float.isNaN(scalar) && Float.isNaN(vector))) {
                throw new AssertionError("x = " + x + ": vector " + vector + " != scalar " + scalar);
            }
        });
    }

    @Test
    void withinFiveUlpsOfMathTanh() {
        double[] worst = {0, 0};
        overTheFloatRange((x, vector, exact) -> {
            if (Float.isNaN(exact)) {
                assertTrue(Float.isNaN(vector), "tanh(NaN) must be NaN");
                return;
            }
            double ulps = Math.abs(vector - exact) / Math.ulp(exact);
            if (ulps > worst[0]) { worst[0] = ulps; worst[1] = x; }
        });
        assertTrue(worst[0] <= 5, "worst error " + worst[0] + " ulp at x = " + worst[1]);
    }

    @Test
    void fusedBiasAndTanhEqualsTheScalarTwinOnEveryElement() {
        // 37 rows: four full vectors of 8 and a scalar tail of 5 per column; 3 columns.
        int rows = 37, cols = 3;
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        float[] h = new float[rows * cols + 2];
        float[] bias = new float[rows + 1];
        for (int i = 0; i < h.length; i++) h[i] = (float) (4 * random.nextGaussian());
        for (int i = 0; i < bias.length; i++) bias[i] = (float) random.nextGaussian();
        float[] fused = h.clone();
        VectorTanh.applyWithBias(fused, 2, rows, cols, bias, 1);
        for (int j = 0; j < cols; j++) {
            for (int i = 0; i < rows; i++) {
                int k = 2 + j * rows + i;
                assertEquals(VectorTanh.tanh(h[k] + bias[1 + i]), fused[k], 0f, "row " + i + " column " + j);
            }
        }
        assertEquals(h[0], fused[0], 0f, "outside the block");
    }

    @Test
    void fusedDerivativeAndBiasGradientEqualTheScalarTwinBitForBit() {
        // 37 rows: four vectors of 8 and a scalar tail of 5 per column; 5 columns; the block starts at an
        // odd offset and the sums land inside a larger array, as in the trainer's workspace.
        int rows = 37, cols = 5, off = 3, sumOff = 2;
        java.util.SplittableRandom random = new java.util.SplittableRandom(11);
        float[] h = new float[off + rows * cols + 1];
        float[] delta = new float[h.length];
        for (int i = 0; i < h.length; i++) {
            h[i] = (float) Math.tanh(2 * random.nextGaussian());
            delta[i] = (float) (1e3 * random.nextGaussian());
        }
        // values where a wrong order or a fused multiply-add would show: saturated units, signed
        // zeros, a NaN, an infinity and large entries whose sums round
        h[off] = 1f; h[off + 1] = -1f; h[off + 2] = Float.NaN; h[off + rows] = -0f; h[off + rows + 1] = 0.99999994f;
        delta[off + 3] = -0f; delta[off + 4] = Float.POSITIVE_INFINITY; delta[off + 5] = 3e38f; delta[off + rows + 5] = 3e38f;
        for (Activation f : new Activation[] {Activation.TANH, Activation.RELU, Activation.LINEAR}) {
            float[] scalarDelta = delta.clone(), fusedDelta = delta.clone();
            float[] scalarSums = new float[rows + 4], fusedSums = new float[rows + 4];
            java.util.Arrays.fill(scalarSums, 7f);
            java.util.Arrays.fill(fusedSums, 7f);
            f.scalarMultiplyByDerivativeAndSumRows(scalarDelta, h, off, rows, cols, scalarSums, sumOff);
            f.multiplyByDerivativeAndSumRows(fusedDelta, h, off, rows, cols, fusedSums, sumOff);
            for (int k = 0; k < delta.length; k++) {
                assertEquals(Float.floatToIntBits(scalarDelta[k]), Float.floatToIntBits(fusedDelta[k]),
                        f + ": delta[" + k + "] " + fusedDelta[k] + " != scalar " + scalarDelta[k]);
            }
            for (int i = 0; i < scalarSums.length; i++) {
                assertEquals(Float.floatToIntBits(scalarSums[i]), Float.floatToIntBits(fusedSums[i]),
                        f + ": row sum " + i + " " + fusedSums[i] + " != scalar " + scalarSums[i]);
            }
            // and the scalar twin is the formula: row 6, every column, by hand
            float sum = 0f;
            for (int j = 0; j < cols; j++) {
                int k = off + j * rows + 6;
                float y = h[k];
                float expected = switch (f) {
                    case TANH -> delta[k] * (1f - y * y);
                    case RELU -> y > 0f ? delta[k] : 0f;
                    case LINEAR -> delta[k];
                };
                assertEquals(expected, scalarDelta[k], 0f, f + " column " + j);
                sum += expected;
            }
            assertEquals(sum, scalarSums[sumOff + 6], 0f, f + " row sum");
            assertEquals(7f, scalarSums[0], 0f, "outside the sums");
        }
    }

    @Test
    void edgeValues() {
        float[] x = {0f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 9f, -20f, Float.MIN_VALUE, 1e-30f, Float.NaN};
        float[] v = x.clone();
        VectorTanh.apply(v, 0, v.length);
        assertEquals(0f, v[0]);
        assertEquals(1f, v[2]);
        assertEquals(-1f, v[3]);
        assertEquals(1f, v[4]);
        assertEquals(-1f, v[5]);
        assertEquals(Float.MIN_VALUE, v[6]);
        assertEquals(1e-30f, v[7]);
        assertTrue(Float.isNaN(v[8]));
    }
}
