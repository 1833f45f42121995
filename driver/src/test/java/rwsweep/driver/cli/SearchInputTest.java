package rwsweep.driver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import rwsweep.driver.sweep.SweepKey;
import rwsweep.driver.sweep.UserError;

/**
 * Bad sample blocks and refine blocks, as {@link BadInputTest} checks every other bad input:
 * {@code rwsweep run BAD.yaml} exits 2 with one line naming the file, the key and what is
 * allowed, and writes nothing. Also what {@code plan} says of a refinement: its worst case.
 */
class SearchInputTest {
    private static final String VALID = "data: {source: mnist-sample, n: 200}\ndepths: [2, 3]\nwidth: 16\nepochs: 1\nbatch: 50\n";
    private static final String WALK = "kind: randomwalk\nnonlinearities: relu\ndepths: 10\nwidth: 8\nfind: optimal-g\n";

    private static String allowed(SweepKey p) {
        return "; allowed: " + p.allowed();
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("sample law misspelt", VALID + "g: {sample: loguniform, from: 0.5, to: 2, n: 4}\n",
                        "g.sample: got 'loguniform' (did you mean 'log-uniform'?)" + allowed(SweepKey.G)),
                Arguments.of("sample without n", VALID + "g: {sample: uniform, from: 0.5, to: 2}\n",
                        "g: got a sample block without 'n'" + allowed(SweepKey.G)),
                Arguments.of("sample without to", VALID + "g: {sample: uniform, from: 0.5, n: 3}\n",
                        "g: got a sample block without 'to'" + allowed(SweepKey.G)),
                Arguments.of("sample range reversed", VALID + "g: {sample: uniform, from: 2, to: 0.5, n: 3}\n",
                        "g: got from 2 not below to 0.5" + allowed(SweepKey.G)),
                Arguments.of("sample with steps", VALID + "g: {sample: uniform, from: 0.5, to: 2, steps: 3}\n",
                        "unknown key 'steps' in g; allowed: sample, from, to, n, seed"),
                Arguments.of("sample count zero", VALID + "g: {sample: uniform, from: 0.5, to: 2, n: 0}\n",
                        "g.n: got 0" + allowed(SweepKey.G)),
                Arguments.of("more samples than the range holds", VALID + "g: {sample: uniform, from: 1, to: 1.0001, n: 10}\n",
                        "g.n: got 10 samples in 1..1.0001, more than its 6-digit values leave room for" + allowed(SweepKey.G)),
                Arguments.of("sample seed not an integer", VALID + "g: {sample: uniform, from: 0.5, to: 2, n: 3, seed: x}\n",
                        "g.seed: got text 'x'" + allowed(SweepKey.G)),
                Arguments.of("lambda sample without out", VALID + "lambda: {sample: log-uniform, in: [0.001, 0.1], n: 3}\n",
                        "lambda: got a sample block without 'out'" + allowed(SweepKey.LAMBDA)),
                Arguments.of("lambda sample range of three", VALID + "lambda: {sample: uniform, in: [0.001, 0.01, 0.1], out: 0.1, n: 3}\n",
                        "lambda.in: got a list of 3 where a range [from, to] belongs" + allowed(SweepKey.LAMBDA)),
                Arguments.of("lambda map without sample", VALID + "lambda: {in: 0.01, out: 0.1}\n",
                        "lambda: got a map without 'sample' (a map is a sample block)" + allowed(SweepKey.LAMBDA)),
                Arguments.of("lambda sample with both rates fixed", VALID + "lambda: {sample: uniform, in: 0.01, out: 0.1, n: 3}\n",
                        "lambda.n: got 3 samples with both rates fixed, which is one pair" + allowed(SweepKey.LAMBDA)),
                Arguments.of("refine another axis", VALID + "refine: {axis: lambda, rounds: 2, points: 2}\n",
                        "refine.axis: got 'lambda'" + allowed(SweepKey.REFINE)),
                Arguments.of("refine without rounds", VALID + "refine: {axis: g, points: 2}\n",
                        "refine: got a map without 'rounds'" + allowed(SweepKey.REFINE)),
                Arguments.of("refine with zero points", VALID + "refine: {axis: g, rounds: 2, points: 0}\n",
                        "refine.points: got 0" + allowed(SweepKey.REFINE)),
                Arguments.of("refine with too many rounds", VALID + "refine: {rounds: 50, points: 2}\n",
                        "refine.rounds: got 50 rounds" + allowed(SweepKey.REFINE)),
                Arguments.of("refine with a negative tolerance", VALID + "refine: {rounds: 2, points: 2, tolerance: -0.1}\n",
                        "refine.tolerance: got -0.1" + allowed(SweepKey.REFINE)),
                Arguments.of("refine key misspelt", VALID + "refine: {rounds: 2, point: 2}\n",
                        "unknown key 'point' in refine (did you mean 'points'?); allowed: axis, rounds, points, tolerance"),
                Arguments.of("refine not a map", VALID + "refine: 3\n",
                        "refine: got 3" + allowed(SweepKey.REFINE)),
                Arguments.of("refine in a walk sweep", WALK + "refine: {rounds: 2, points: 2}\n",
                        "refine: given for kind randomwalk, which trains nothing" + allowed(SweepKey.REFINE)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void oneLineExitTwoNothingWritten(String name, String yaml, String expected, @TempDir Path dir) throws IOException {
        Path sweep = Files.writeString(dir.resolve("bad.yaml"), yaml);
        Path out = dir.resolve("out");
        Cli cli = Cli.run("run", sweep.toString(), "--out", out.toString(), "--no-progress");
        assertEquals(sweep + ": " + expected + "\n", cli.err);
        assertEquals(UserError.EXIT_CODE, cli.exitCode);
        assertEquals("", cli.out);
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void planShowsTheWorstCaseOfARefinement(@TempDir Path dir) throws IOException {
        // 2 depths × 3 g × 2 seeds = 12; per net a g has 2 trials (the seeds): 12 + 2 nets × 4 rounds × 3 points × 2 = 60
        Path sweep = Files.writeString(dir.resolve("r.yaml"), VALID + "g: [1, 1.2, 1.4]\nseeds: [1, 2]\ninit: gaussian\n"
                + "refine: {axis: g, rounds: 4, points: 3, tolerance: 0.02}\n");
        Cli cli = Cli.run("plan", sweep.toString());
        assertEquals(0, cli.exitCode, cli.err);
        assertTrue(cli.out.contains("trials: 12\nrefine: up to 4 rounds x 3 g values per net, until located to 0.02: at most 60 trials in all\n"),
                cli.out);
    }
}
