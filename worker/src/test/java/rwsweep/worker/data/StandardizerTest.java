package rwsweep.worker.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Standardizer: hand-computed statistics, the real MNIST sample, and training statistics reused on other data. */
class StandardizerTest {
    // 3 examples × 3 dimensions, example-major:
    //   dim 0: 1, 2, 3  → mean 2, std sqrt(((−1)² + 0 + 1²)/3) = sqrt(2/3) = 0.816496580927726
    //   dim 1: 5, 5, 5  → constant, std 0
    //   dim 2: 0, 0, 6  → mean 2, std sqrt((4 + 4 + 16)/3) = sqrt(8) = 2.8284271247461903
    private static final Dataset TRAIN = new Dataset("train", 3, 2, new float[] {1, 5, 0, 2, 5, 0, 3, 5, 6}, new int[] {0, 1, 1});

    @Test
    void fitsPopulationMeanAndStdPerDimension() {
        Standardizer s = Standardizer.fit(TRAIN);
        assertEquals(3, s.dim());
        assertEquals(2.0, s.mean(0), 1e-15);
        assertEquals(5.0, s.mean(1), 1e-15);
        assertEquals(2.0, s.mean(2), 1e-15);
        assertEquals(0.816496580927726, s.std(0), 1e-15);
        assertEquals(0.0, s.std(1));
        assertEquals(2.8284271247461903, s.std(2), 1e-15);
    }

    @Test
    void standardisesTheTrainingSetWithConstantDimensionsExactlyZero() {
        Dataset z = Standardizer.fit(TRAIN).apply(TRAIN);
        // dim 0: (1−2)/0.8165 = −1.2247449, 0, +1.2247449; dim 2: −2/2.8284 = −0.70710678, −0.70710678, 4/2.8284 = 1.4142136
        float[] expected = {-1.2247449f, 0f, -0.70710678f, 0f, 0f, -0.70710678f, 1.2247449f, 0f, 1.4142136f};
        assertArrayEquals(expected, z.x(), 1e-6f);
        for (int i = 0; i < 3; i++) assertEquals(0, Float.floatToRawIntBits(z.x()[3 * i + 1]), "constant dimension is +0 exactly");
        assertArrayEquals(TRAIN.labels(), z.labels());
        assertEquals(TRAIN.classes(), z.classes());
    }

    @Test
    void otherDataUseTheTrainingStatistics() {
        Dataset test = new Dataset("test", 3, 2, new float[] {4, 7, -2}, new int[] {1});
        Dataset z = Standardizer.fit(TRAIN).apply(test);
        // (4−2)/sqrt(2/3) = 2.4494897; the constant training dimension stays 0 even where test has 7;
        // (−2−2)/sqrt(8) = −1.4142136. Test's own statistics (one example) would give 0, NaN, 0.
        assertArrayEquals(new float[] {2.4494897f, 0f, -1.4142136f}, z.x(), 1e-6f);
    }

    @Test
    void dimensionMismatchIsRefused() {
        Dataset wrong = new Dataset("wrong", 2, 2, new float[] {1, 2}, new int[] {0});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Standardizer.fit(TRAIN).apply(wrong));
        assertTrue(e.getMessage().contains("wrong has dimension 2 but the standardiser was fitted on train with dimension 3"), e.getMessage());
    }

    @Test
    void statisticsAreDoublePrecisionEvenWithALargeOffset() {
        // 200,000 values alternating a = 10000.1f and b = 10000.3f: mean (a+b)/2 and std (b−a)/2 exactly
        // (in double). Summing in float would lose them: near 2·10^9 a float's spacing is 128-256.
        int n = 200_000;
        float a = 10000.1f;
        float b = 10000.3f;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = i % 2 == 0 ? a : b;
        Standardizer s = Standardizer.fit(new Dataset("offset", 1, 1, x, new int[n]));
        double mean = ((double) a + b) / 2;
        double std = ((double) b - a) / 2;
        assertEquals(mean, s.mean(0), mean * 1e-12);
        assertEquals(std, s.std(0), std * 1e-9);
    }

    @Test
    void mnistSampleStandardisesToMeanZeroVarianceOnePerPixel() {
        Dataset sample = MnistSample.load();
        Standardizer s = Standardizer.fit(sample);
        Dataset z = s.apply(sample);
        int n = z.size();
        int dim = z.dim();
        double[] sum = new double[dim];
        double[] sumSq = new double[dim];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < dim; j++) {
                double v = z.x()[i * dim + j];
                sum[j] += v;
                sumSq[j] += v * v;
            }
        }
        // Tolerance: each z is a double result rounded once to float, relative error ≤ 2^-24 ≈ 6e-8.
        // The mean's error is then ≤ 2^-24·mean|z| ≤ 2^-24·sqrt(mean z²) = 2^-24 (Cauchy–Schwarz, since
        // mean z² = 1), and mean z²'s error ≤ 2·2^-24. The double statistics add ~1e-12. 1e-6 is ~8×
        // the float bound and far below any real error (a wrong mean or an n−1 divisor: 1e-4 at n = 10^4).
        int constant = 0;
        for (int j = 0; j < dim; j++) {
            if (s.std(j) == 0) {
                constant++;
                for (int i = 0; i < n; i++) assertEquals(0f, z.x()[i * dim + j], "constant pixel " + j);
                continue;
            }
            assertEquals(0.0, sum[j] / n, 1e-6, "mean of pixel " + j);
            assertEquals(1.0, sumSq[j] / n, 1e-6, "variance of pixel " + j);
        }
        // MNIST's corner pixels are blank in every image, so some dimensions must be constant
        assertTrue(constant > 0 && constant < dim, constant + " constant pixels");
        assertEquals(0f, sample.x()[0]);
        assertEquals(0.0, s.std(0), "the top-left pixel is blank in all 10,000 digits");
    }
}
