package rwsweep.driver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The three forms of a gain axis: what each expands to, and that each survives a parse → yaml() → parse round trip. */
class GValuesTest {
    /** g as written in a sweep file, and the gains it gives for a net whose critical g is 1.25. */
    static Stream<Arguments> forms() {
        return Stream.of(
                Arguments.of("1.1", GValues.Form.EXPLICIT, new double[] {1.1}),
                Arguments.of("[1.0, 1.1, 1.3]", GValues.Form.EXPLICIT, new double[] {1.0, 1.1, 1.3}),
                Arguments.of("[0.0001, 2]", GValues.Form.EXPLICIT, new double[] {1e-4, 2.0}),
                // linear: 1 + k·0.1, k = 0..5
                Arguments.of("{from: 1.0, to: 1.5, steps: 6}", GValues.Form.RANGE, new double[] {1.0, 1.1, 1.2, 1.3, 1.4, 1.5}),
                // geometric: 0.5·4^(k/2), k = 0..2
                Arguments.of("{from: 0.5, to: 2, steps: 3, spacing: log}", GValues.Form.RANGE, new double[] {0.5, 1.0, 2.0}),
                // geometric: 10^(k/4) between 1 and 10: 1, 1.778279410, 3.162277660, 5.623413252, 10
                Arguments.of("{from: 1, to: 10, steps: 5, spacing: log}", GValues.Form.RANGE,
                        new double[] {1.0, 1.77827941004, 3.16227766017, 5.62341325190, 10.0}),
                Arguments.of("{from: 1, to: 2, steps: 2, spacing: linear}", GValues.Form.RANGE, new double[] {1.0, 2.0}),
                // critical × factor with critical = 1.25
                Arguments.of("critical", GValues.Form.CRITICAL, new double[] {1.25}),
                Arguments.of("{around: critical}", GValues.Form.CRITICAL, new double[] {1.25}),
                Arguments.of("{around: critical, factors: [0.8, 1, 1.2]}", GValues.Form.CRITICAL, new double[] {1.0, 1.25, 1.5}));
    }

    @ParameterizedTest(name = "g: {0}")
    @MethodSource("forms")
    void expandsAndRoundTrips(String written, GValues.Form form, double[] gains) {
        GValues g = parseG(written);
        assertEquals(form, g.form());
        assertArrayEquals(gains, g.resolve(1.25), 1e-10);
        assertEquals(gains.length, g.size());
        GValues again = parseG(g.yaml());
        assertEquals(g, again, "round trip through " + g.yaml());
        assertEquals(g.yaml(), again.yaml());
    }

    @Test
    void rangeValuesAreRoundedSoKeysReadAsWritten() {
        // 1.0 + 2 · (0.5/5) is 1.2000000000000002 in doubles; the grid should say 1.2
        assertEquals(1.2, GValues.range(1.0, 1.5, 6, false).resolve(Double.NaN)[2]);
        // critical × factor is never rounded: factor 1 is exactly RandomWalk.optimalG
        double critical = 1.1347382910463;
        assertEquals(critical, GValues.critical(1.0).resolve(critical)[0]);
        assertEquals(0.9 * critical, GValues.critical(0.9).resolve(critical)[0]);
    }

    private static GValues parseG(String written) {
        SweepFile sweep = SweepFile.parse("g.yaml", Path.of("."), "data: mnist-sample\ndepths: 2\nwidth: 10\ng: " + written + "\n");
        return sweep.points().get(0).g;
    }
}
