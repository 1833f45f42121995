package rwsweep.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The vectorised tanh against {@code Math.tanh} over the whole float range. */
class ElementwiseTest {
    @Test
    void vectorTanhIsOnWhenTheVectorModuleIsLoaded() {
        // The test JVM runs with the project's flags (--add-modules=jdk.incubator.vector).
        assertTrue(Activation.VECTOR_TANH_AVAILABLE, "surefire should run with the vector module");
    }

    @Test
    void vectorTanhIsWithinTwoUlpsOfMathTanhOverTheFloatRange() {
        // Every 97th bit pattern (an odd stride, so every exponent and many mantissas are hit):
        // 44 million floats of both signs, including subnormals, ±0, ±∞ and NaN.
        int stride = 97;
        int n = (int) ((1L << 32) / stride) + 1;
        float[] x = new float[1 << 20];
        float[] exact = new float[x.length];
        double worstUlps = 0;
        float worstAt = 0;
        long bits = 0;
        for (int done = 0; done < n; ) {
            int m = Math.min(x.length, n - done);
            for (int i = 0; i < m; i++, bits += stride) x[i] = Float.intBitsToFloat((int) bits);
            System.arraycopy(x, 0, exact, 0, m);
            Activation.exactTanh(exact, 0, m);
            VectorTanh.apply(x, 0, m);
            for (int i = 0; i < m; i++) {
                if (Float.isNaN(exact[i])) {
                    assertTrue(Float.isNaN(x[i]), "tanh(NaN) must be NaN");
                    continue;
                }
                double ulps = Math.abs(x[i] - exact[i]) / Math.ulp(exact[i]);
                if (ulps > worstUlps) { worstUlps = ulps; worstAt = Float.intBitsToFloat((int) (bits - (long) (m - i) * stride)); }
            }
            done += m;
        }
        assertTrue(worstUlps <= 2, "worst error " + worstUlps + " ulp near x = " + worstAt);
    }

    @Test
    void edgeValues() {
        float[] x = {0f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 20f, -20f, Float.MIN_VALUE, 1e-30f};
        float[] v = x.clone();
        VectorTanh.apply(v, 0, v.length);
        assertEquals(0f, v[0]);
        assertEquals(1f, v[2]);
        assertEquals(-1f, v[3]);
        assertEquals(1f, v[4]);
        assertEquals(-1f, v[5]);
        assertEquals(Float.MIN_VALUE, v[6]);
        assertEquals(1e-30f, v[7]);
    }
}
