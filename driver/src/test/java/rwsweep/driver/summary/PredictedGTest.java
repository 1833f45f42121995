package rwsweep.driver.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import rwsweep.worker.Activation;

/** The random-walk predictions against values worked out by hand (paper.md, "The random walk"). */
class PredictedGTest {
    @Test
    void formulasMatchHandValues() {
        // linear N=100: exp(1/200) = 1.0050125
        assertEquals(1.005012520859401, PredictedG.of(Activation.LINEAR, 100).low(), 1e-12);
        // ReLU N=100: √2·exp(1.2/97.6) = 1.41421356·1.01237100 = 1.4317088
        assertEquals(1.4317087661298527, PredictedG.of(Activation.RELU, 100).low(), 1e-12);
        // ReLU N=4 uses max(N,6) = 6: √2·exp(1.2/3.6) = √2·exp(1/3) = 1.9736940
        assertEquals(1.973694019373153, PredictedG.of(Activation.RELU, 4).high(), 1e-12);
        assertEquals(new PredictedG(1.1, 1.3), PredictedG.of(Activation.TANH, 100));
    }

    @Test
    void distanceIsZeroWhenTheRangesMeet() {
        PredictedG band = PredictedG.of(Activation.TANH, 16);
        assertEquals(0, band.distance(1.2, 1.2));
        assertEquals(0, band.distance(0.9, 1.1));
        assertEquals(0.2, band.distance(1.5, 2.0), 1e-12);
        assertEquals(0.2, band.distance(0.5, 0.9), 1e-12);
        assertEquals("1.1–1.3", band.label());
        assertEquals("1.432", PredictedG.of(Activation.RELU, 100).label());
    }
}
