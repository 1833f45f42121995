package rwsweep.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** λ_d = λout·(λin/λout)^((D−d)/(Dmax−1)) at hand-checked points (paper.md, "Training protocol"). */
class LearningRatesTest {
    @Test
    void deepestNetRunsFromLambdaInAtTheFirstLayerToLambdaOutAtTheLast() {
        double[] rates = LearningRates.of(0.001, 0.1, 5, 5);
        assertEquals(0.1, rates[5], 1e-15);   // d = D: exponent 0
        assertEquals(0.001, rates[1], 1e-15); // d = 1, D = Dmax: exponent 1
        // d = 3: 0.1·(0.01)^(2/4) = 0.1·0.1
        assertEquals(0.01, rates[3], 1e-15);
    }

    @Test
    void shallowNetUsesTheTopOfTheDeepestNetsSchedule() {
        double[] deep = LearningRates.of(0.001, 0.1, 5, 5);
        double[] shallow = LearningRates.of(0.001, 0.1, 2, 5);
        assertEquals(deep[5], shallow[2], 1e-15);
        assertEquals(deep[4], shallow[1], 1e-15); // larger than λin: 0.1·0.01^(1/4) ≈ 0.0316
        assertEquals(0.1 * Math.pow(0.01, 0.25), shallow[1], 1e-15);
    }

    @Test
    void dMaxOfOneGivesLambdaOut() {
        assertEquals(0.3, LearningRates.of(0.01, 0.3, 1, 1)[1], 0);
    }

    @Test
    void depthBeyondDMaxIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> LearningRates.of(0.1, 0.1, 6, 5));
    }
}
