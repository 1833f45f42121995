package rwsweep.worker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Layer sizes from a parameter budget p_lim (paper.md, "Parameter limit"), checked by hand. */
class ArchitectureTest {

    @Test
    void classifierParametersCountWeightsAndBiasesOfEveryLayer() {
        // 785·100 + 101·100 + 101·10 = 78500 + 10100 + 1010
        assertEquals(89_610, Architecture.classifierParameters(784, 100, 3, 10));
        // depth 1: no hidden layer, 785·10; the width is not used
        assertEquals(7_850, Architecture.classifierParameters(784, 99, 1, 10));
        // agrees with the layout Network lays out
        assertEquals(Network.classifier(784, 37, 6, 10, Activation.RELU).parameterCount(),
                Architecture.classifierParameters(784, 37, 6, 10));
    }

    @Test
    void classifierSizesAreTheOneLayoutOfGridAndNetwork() {
        assertArrayEquals(new int[] {784, 37, 37, 37, 37, 37, 10}, Architecture.classifierSizes(784, 37, 6, 10));
        assertArrayEquals(new int[] {784, 10}, Architecture.classifierSizes(784, 0, 1, 10), "depth 1: no hidden layer");
        assertArrayEquals(Architecture.classifierSizes(784, 37, 6, 10), Network.classifier(784, 37, 6, 10, Activation.TANH).sizes());
    }

    /**
     * The one FLOP model, by hand for 784-16-16-10: weights 784·16 + 16·16 + 16·10 = 12,960, so a
     * forward pass is 25,920 FLOPs per example; a training step adds the weight gradient of every
     * layer (25,920) and the input gradient of layers 2 and 3 (2·(256 + 160) = 832): 52,672.
     */
    @Test
    void flopsCountTheMatrixProductsOfAForwardPassAndATrainingStep() {
        Network net = Network.classifier(784, 16, 3, 10, Activation.TANH);
        assertEquals(25_920, net.forwardFlopsPerExample());
        assertEquals(52_672, net.stepFlopsPerExample());
        // depth 1: one product forward, one weight gradient, no input gradient
        assertEquals(4L * 784 * 10, Network.classifier(784, 0, 1, 10, Activation.TANH).stepFlopsPerExample());
    }

    /**
     * n_in = 784, n_out = 10; the count is 785N + (D−2)(N² + N) + 10(N + 1).
     * D = 2, p_lim = 1e5: 795N + 10 ≥ 1e5 → N = ⌈99990/795⌉ = 126 (100 180; N = 125 gives 99 385).
     * D = 3, p_lim = 1e5: N² + 796N + 10 → N = 111 (100 687; N = 110 gives 99 670).
     * D = 10, p_lim = 1e6: 8N² + 803N + 10 → N = 307 (1 000 523; N = 306 gives 994 816).
     */
    @Test
    void classifierWidthIsTheSmallestReachingTheBudget() {
        long[][] cases = {{2, 100_000, 126, 100_180, 99_385}, {3, 100_000, 111, 100_687, 99_670},
                {10, 1_000_000, 307, 1_000_523, 994_816}};
        for (long[] c : cases) {
            int depth = (int) c[0];
            int width = Architecture.classifierWidth(c[1], depth, 784, 10);
            assertEquals(c[2], width, "depth " + depth);
            assertEquals(c[3], Architecture.classifierParameters(784, width, depth, 10));
            assertEquals(c[4], Architecture.classifierParameters(784, width - 1, depth, 10));
        }
        // a budget equal to a count is reached exactly by that width
        assertEquals(111, Architecture.classifierWidth(100_687, 3, 784, 10));
        assertEquals(112, Architecture.classifierWidth(100_688, 3, 784, 10));
    }

    @Test
    void classifierWidthRejectsDepthOneAndTooSmallBudgetsClearly() {
        IllegalArgumentException depthOne = assertThrows(IllegalArgumentException.class,
                () -> Architecture.classifierWidth(50_000, 1, 784, 10));
        assertTrue(depthOne.getMessage().contains("depth 1"), depthOne.getMessage());
        assertTrue(depthOne.getMessage().contains("p_lim = 50000"), depthOne.getMessage());
        // D = 10, width 1: 785 + 8·2 + 20 = 821 parameters
        IllegalArgumentException small = assertThrows(IllegalArgumentException.class,
                () -> Architecture.classifierWidth(820, 10, 784, 10));
        assertTrue(small.getMessage().contains("p_lim = 820"), small.getMessage());
        assertTrue(small.getMessage().contains("depth 10"), small.getMessage());
        assertTrue(small.getMessage().contains("minimum p_lim for depth 10 is 821"), small.getMessage());
        assertEquals(1, Architecture.classifierWidth(821, 10, 784, 10));
    }

    /**
     * D = 4, n_in = 784, code 30: [784, W, 30, W, 784], count 785W + 30(W+1) + 31W + 784(W+1).
     * p_lim = 200 000 → W = 123: 96 555 + 3 720 + 3 813 + 97 216 = 201 304 (W = 122: 199 674).
     * D = 6: [784, W, m, 30, m, W, 784], m = 30 + round((W − 30)/2); p_lim = 500 000 → W = 263,
     * m = 30 + round(116.5) = 147: 785·263 + 264·147 + 148·30 + 31·147 + 148·263 + 264·784
     * = 206 455 + 38 808 + 4 440 + 4 557 + 38 924 + 206 976 = 500 160 (W = 262, m = 146: 497 710).
     */
    @Test
    void autoencoderSizesFallByAConstantStepToTheCodeLayerAndMirror() {
        assertArrayEquals(new int[] {784, 123, 30, 123, 784}, Architecture.autoencoderSizes(200_000, 4, 784, 30));
        int[] six = Architecture.autoencoderSizes(500_000, 6, 784, 30);
        assertArrayEquals(new int[] {784, 263, 147, 30, 147, 263, 784}, six);
        assertEquals(500_160, Network.autoencoder(six, Architecture.autoencoderCodeLayer(6), Activation.TANH).parameterCount());
        assertEquals(497_710, Architecture.parameters(Architecture.autoencoderShape(784, 262, 6, 30)));
        // D = 10, K = 5: W = 430 falls by 100 per layer to the code size 30
        assertArrayEquals(new int[] {784, 430, 330, 230, 130, 30, 130, 230, 330, 430, 784},
                Architecture.autoencoderShape(784, 430, 10, 30));
        assertEquals(3, Architecture.autoencoderCodeLayer(6));
    }

    @Test
    void autoencoderRejectsOddOrTooShallowDepthsAndTooSmallBudgets() {
        IllegalArgumentException odd = assertThrows(IllegalArgumentException.class, () -> Architecture.autoencoderCodeLayer(5));
        assertTrue(odd.getMessage().contains("even"), odd.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Architecture.autoencoderSizes(500_000, 5, 784, 30));
        IllegalArgumentException two = assertThrows(IllegalArgumentException.class,
                () -> Architecture.autoencoderSizes(500_000, 2, 784, 30));
        assertTrue(two.getMessage().contains("depth 2"), two.getMessage());
        // every hidden layer at the code size: 785·30 + 31·30 + 31·30 + 31·784 = 23550 + 930 + 930 + 24304 = 49 714
        IllegalArgumentException small = assertThrows(IllegalArgumentException.class,
                () -> Architecture.autoencoderSizes(40_000, 4, 784, 30));
        assertTrue(small.getMessage().contains("minimum p_lim for depth 4 is 49714"), small.getMessage());
        assertArrayEquals(new int[] {784, 30, 30, 30, 784}, Architecture.autoencoderSizes(49_714, 4, 784, 30));
    }
}
