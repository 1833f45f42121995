package rwsweep.driver.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The three forms of a gain axis: what each expands to, and that each survives a parse → yaml() → parse round trip. */
class GainValuesTest {
    /** g as written in a sweep file, and the gains it gives for a net whose critical g is 1.25. */
    static Stream<Arguments> forms() {
        return Stream.of(
                Arguments.of("1.1", GainValues.Form.EXPLICIT, new double[] {1.1}),
                Arguments.of("[1.0, 1.1, 1.3]", GainValues.Form.EXPLICIT, new double[] {1.0, 1.1, 1.3}),
                Arguments.of("[0.0001, 2]", GainValues.Form.EXPLICIT, new double[] {1e-4, 2.0}),
                // linear: 1 + k·0.1, k = 0..5
                Arguments.of("{from: 1.0, to: 1.5, steps: 6}", GainValues.Form.RANGE, new double[] {1.0, 1.1, 1.2, 1.3, 1.4, 1.5}),
                // geometric: 0.5·4^(k/2), k = 0..2
                Arguments.of("{from: 0.5, to: 2, steps: 3, spacing: log}", GainValues.Form.RANGE, new double[] {0.5, 1.0, 2.0}),
                // geometric: 10^(k/4) between 1 and 10: 1, 1.778279410, 3.162277660, 5.623413252, 10
                Arguments.of("{from: 1, to: 10, steps: 5, spacing: log}", GainValues.Form.RANGE,
                        new double[] {1.0, 1.77827941004, 3.16227766017, 5.62341325190, 10.0}),
                Arguments.of("{from: 1, to: 2, steps: 2, spacing: linear}", GainValues.Form.RANGE, new double[] {1.0, 2.0}),
                // critical × factor with critical = 1.25
                Arguments.of("critical", GainValues.Form.CRITICAL, new double[] {1.25}),
                Arguments.of("{around: critical}", GainValues.Form.CRITICAL, new double[] {1.25}),
                Arguments.of("{around: critical, factors: [0.8, 1, 1.2]}", GainValues.Form.CRITICAL, new double[] {1.0, 1.25, 1.5}));
    }

    @ParameterizedTest(name = "g: {0}")
    @MethodSource("forms")
    void expandsAndRoundTrips(String written, GainValues.Form form, double[] gains) {
        GainValues g = parseG(written);
        assertEquals(form, g.form());
        assertArrayEquals(gains, g.resolve(1.25), 1e-10);
        assertEquals(gains.length, g.size());
        GainValues again = parseG(g.yaml());
        assertEquals(g, again, "round trip through " + g.yaml());
        assertEquals(g.yaml(), again.yaml());
    }

    @Test
    void rangeValuesAreRoundedSoKeysReadAsWritten() {
        // 1.0 + 2 · (0.5/5) is 1.2000000000000002 in doubles; the grid should say 1.2
        assertEquals(1.2, GainValues.range(1.0, 1.5, 6, false).resolve(Double.NaN)[2]);
        // critical × factor is never rounded: factor 1 is exactly RandomWalk.optimalG
        double critical = 1.1347382910463;
        assertEquals(critical, GainValues.critical(1.0).resolve(critical)[0]);
        assertEquals(0.9 * critical, GainValues.critical(0.9).resolve(critical)[0]);
    }

    private static GainValues parseG(String written) {
        SweepFile sweep = SweepFile.parse("g.yaml", Path.of("."), "data: mnist-sample\ndepths: 2\nwidth: 10\ng: " + written + "\n");
        return sweep.points().get(0).g;
    }
}
