package rwsweep.driver.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import rwsweep.worker.spec.TrialSpec;

/** Random search on g and on the learning-rate pair: the values drawn, and that the same file always draws them. */
class SampledAxisTest {
    private static final String BASE = "data: mnist-sample\ndepths: 2\nwidth: 10\ninit: gaussian\n";

    private static SweepFile parse(String name, String yaml) {
        return SweepFile.parse(name + ".yaml", Path.of("."), BASE + yaml);
    }

    @Test
    void logUniformGainsAreTheSeededDrawsRoundedAndSorted() {
        GainValues g = parse("s", "g: {sample: log-uniform, from: 0.5, to: 2, n: 5, seed: 42}\n").points().get(0).g;
        assertEquals(GainValues.Form.SAMPLE, g.form());
        // by hand: u from SplittableRandom(42), g = 0.5 · 4^u, 6 significant digits, ascending
        SplittableRandom random = new SplittableRandom(42);
        double[] expected = new double[5];
        for (int i = 0; i < 5; i++) {
            expected[i] = new java.math.BigDecimal(0.5 * Math.pow(4, random.nextDouble())).round(new java.math.MathContext(6)).doubleValue();
        }
        Arrays.sort(expected);
        assertArrayEquals(expected, g.resolve(Double.NaN));
        for (double v : g.resolve(Double.NaN)) assertTrue(v >= 0.5 && v <= 2, v + " in range");
        assertEquals("{sample: log-uniform, from: 0.5, to: 2, n: 5, seed: 42}", g.yaml());
        assertEquals(g, parse("s", "g: " + g.yaml() + "\n").points().get(0).g, "the written form draws the same values");
    }

    @Test
    void theSameFileGivesTheSameTrialKeysSoARandomSearchResumes() {
        // no seed: derived from the sweep's name, so two reads of one file, or one file under another path, agree
        String yaml = "g: {sample: uniform, from: 0.8, to: 1.6, n: 6}\nlambda: {sample: log-uniform, in: [0.001, 0.1], out: 0.05, n: 3}\n";
        List<String> first = keys(parse("search", yaml));
        List<String> again = keys(SweepFile.parse("elsewhere/search.yaml", Path.of("."), BASE + yaml));
        assertEquals(18, first.size());
        assertEquals(first, again);
        // another sweep name draws other values; a named seed overrides the name
        assertNotEquals(first, keys(parse("other", yaml)));
        String seeded = yaml.replace("n: 6}", "n: 6, seed: 3}");
        assertEquals(parse("a", seeded).points().get(0).g, parse("b", seeded).points().get(0).g);
    }

    @Test
    void sampledLearningRatesArePairsEachFromItsRange() {
        List<LambdaPair> pairs = parse("l", "lambda: {sample: log-uniform, in: [0.001, 0.1], out: [0.01, 0.02], n: 4, seed: 9}\n")
                .points().get(0).lambdas;
        assertEquals(4, pairs.size());
        SplittableRandom random = new SplittableRandom(9);
        List<LambdaPair> expected = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            double in = SampledAxis.at(true, 0.001, 0.1, random.nextDouble());
            double out = SampledAxis.at(true, 0.01, 0.02, random.nextDouble());
            expected.add(new LambdaPair(in, out));
        }
        expected.sort(null);
        assertEquals(expected, pairs);
        for (LambdaPair p : pairs) {
            assertTrue(p.lambdaIn() >= 0.001 && p.lambdaIn() <= 0.1 && p.lambdaOut() >= 0.01 && p.lambdaOut() <= 0.02, p.label());
        }
        // a fixed rate keeps the other rate's draws: λin is the same with out fixed
        List<LambdaPair> fixedOut = parse("l", "lambda: {sample: log-uniform, in: [0.001, 0.1], out: 0.05, n: 4, seed: 9}\n")
                .points().get(0).lambdas;
        assertEquals(pairs.stream().map(LambdaPair::lambdaIn).toList(), fixedOut.stream().map(LambdaPair::lambdaIn).toList());
        assertFalse(fixedOut.stream().anyMatch(p -> p.lambdaOut() != 0.05));
    }

    @Test
    void drawnValuesAreDistinctEvenWhereTheRangeIsNarrow() {
        // 100 values in 1..1.001: 6 digits leave 1000 values (1.00000 .. 1.00100), so repeats must be drawn again
        double[] v = SampledAxis.draw("uniform", 1, 1.001, 100, 5);
        assertEquals(100, Arrays.stream(v).distinct().count());
    }

    private static List<String> keys(SweepFile sweep) {
        return Grid.expand(sweep, Digits.data()).stream().map(TrialSpec::key).sorted().toList();
    }
}
