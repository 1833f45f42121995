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
        // 37 rows: two full vectors of 16 and a scalar tail of 5 per column; 3 columns.
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
