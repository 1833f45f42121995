package rwsweep.driver.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import rwsweep.worker.Activation;
import rwsweep.worker.spec.TrialSpec;

/** The placement rule on cases worked out by hand (the class comment's three steps). */
class RefinementTest {
    /** The quickstart-like grid 0.5, 0.75, ..., 2 (step 0.25). */
    private static final double[] GRID = {0.5, 0.75, 1.0, 1.25, 1.5, 1.75, 2.0};

    @Test
    void fourPointsGoOneToEachIntervalOfTheEdgesAndTheArgmin() {
        // band 1..1.5, best 1.25: low edge in (0.75, 1), high edge in (1.5, 1.75), argmin in (1, 1.25) and (1.25, 1.5)
        Refinement r = new Refinement(3, 4, 0.01);
        assertEquals(List.of(0.875, 1.125, 1.375, 1.625), r.place(new Refinement.Group(GRID, 1.25, 1.0, 1.5)));
    }

    @Test
    void fewerPointsThanIntervalsServeTheEdgesFirst() {
        Refinement r = new Refinement(3, 2, 0.01);
        assertEquals(List.of(0.875, 1.625), r.place(new Refinement.Group(GRID, 1.25, 1.0, 1.5)));
    }

    @Test
    void morePointsThanIntervalsSplitTheFirstIntervalsEvenly() {
        // 6 points over 4 intervals: 2, 2, 1, 1; thirds of (0.75, 1) are 0.8333.., 0.91666.. → 0.8333, 0.9167 at 4 digits,
        // of (1.5, 1.75) 1.58333.., 1.66666.. → 1.583, 1.667
        Refinement r = new Refinement(3, 6, 0.01);
        assertEquals(List.of(0.8333, 0.9167, 1.125, 1.375, 1.583, 1.667), r.place(new Refinement.Group(GRID, 1.25, 1.0, 1.5)));
    }

    @Test
    void aOnePointBandHasTwoIntervalsShared() {
        // band = best = 1.25: the edges' intervals are the argmin's, (1, 1.25) and (1.25, 1.5), each named once;
        // 3 points: 2 then 1 → 1.0833.. → 1.083, 1.1666.. → 1.167, and 1.375
        Refinement r = new Refinement(3, 3, 0.01);
        assertEquals(List.of(1.083, 1.167, 1.375), r.place(new Refinement.Group(GRID, 1.25, 1.25, 1.25)));
    }

    @Test
    void aBandAtTheEndOfTheRangeHasOneEdgeToLocate() {
        // band 0.5..0.75, best 0.5: no interval below 0.5; high edge (0.75, 1); argmin right (0.5, 0.75)
        Refinement r = new Refinement(3, 2, 0.01);
        assertEquals(List.of(0.625, 0.875), r.place(new Refinement.Group(GRID, 0.5, 0.5, 0.75)));
    }

    @Test
    void intervalsWithinTheToleranceAreLocated() {
        // gaps of 0.005 and exactly 0.01: both located at tolerance 0.01
        Refinement r = new Refinement(3, 4, 0.01);
        Refinement.Group g = new Refinement.Group(new double[] {1.0, 1.005, 1.015}, 1.005, 1.005, 1.005);
        assertTrue(r.located(g));
        assertEquals(List.of(), r.place(g));
        // the wider gap alone is refined at a finer tolerance: (1.005, 1.015) has its midpoint 1.01
        Refinement fine = new Refinement(3, 1, 0.006);
        assertFalse(fine.located(g));
        assertEquals(List.of(1.01), fine.place(g));
    }

    @Test
    void roundByRoundTheEdgesAreHalvedFirstThenTheArgmin() {
        // g in [0.93, 1.6] is tied with the best (1.25): the band's edges as the rounds see them; P = 2, T = 0.04
        Refinement r = new Refinement(5, 2, 0.04);
        List<List<Double>> expected = List.of(
                List.of(0.875, 1.625),     // low edge in (0.75, 1), high edge in (1.5, 1.75)
                List.of(0.9375, 1.563),    // (0.875, 1) and (1.5, 1.625): 1.5625 → 1.563 at 4 digits
                List.of(0.9063, 1.594),    // (0.875, 0.9375): 0.90625 → 0.9063; (1.563, 1.625): 1.594
                List.of(1.125, 1.375));    // the edges are bracketed in 0.031 <= 0.04: the argmin's intervals (1, 1.25), (1.25, 1.5)
        double[] gs = GRID;
        for (List<Double> round : expected) {
            double[] run = gs;
            double low = java.util.Arrays.stream(run).filter(x -> x >= 0.93).min().orElseThrow();
            double high = java.util.Arrays.stream(run).filter(x -> x <= 1.6).max().orElseThrow();
            assertEquals(round, r.place(new Refinement.Group(run, 1.25, low, high)));
            gs = java.util.stream.DoubleStream.concat(java.util.Arrays.stream(run), round.stream().mapToDouble(Double::doubleValue))
                    .sorted().toArray();
        }
    }

    @Test
    void worstCaseIsTheGridPlusRoundsTimesPointsPerNetAtOneG() {
        // 2 depths × 3 g × 2 seeds = 12 trials; per net (depth) a g has 2 trials: 12 + 2 nets × 3 rounds × 2 points × 2
        SweepFile sweep = SweepFile.parse("w.yaml", Path.of("."), "data: mnist-sample\ndepths: [2, 3]\nwidth: 8\ng: [1, 1.2, 1.4]\n"
                + "seeds: [1, 2]\ninit: gaussian\nrefine: {axis: g, rounds: 3, points: 2}\n");
        List<TrialSpec> grid = Grid.expand(sweep, Digits.data());
        assertEquals(12, grid.size());
        assertEquals(12 + 2 * 3 * 2 * 2, sweep.refinement().orElseThrow().worstCase(grid));
        assertEquals(Refinement.DEFAULT_TOLERANCE, sweep.refinement().orElseThrow().tolerance());
    }

    @Test
    void aNewGKeepsAFixedInputGainAndMovesATiedOne() {
        TrialSpec tied = TrialSpec.builder().activation(Activation.TANH).sizes(4, 3, 2).g(1.2).lambda(0.1, 0.1).epochs(1).batchSize(1).build();
        TrialSpec moved = Refinement.withG(tied, 1.3);
        assertEquals(1.3, moved.g());
        assertEquals(1.3, moved.gIn());
        assertEquals(1.3, moved.gOut());
        TrialSpec fixed = tied.toBuilder().gIn(0.5).build();
        TrialSpec kept = Refinement.withG(fixed, 1.3);
        assertEquals(0.5, kept.gIn());
        assertEquals(1.3, kept.gOut());
    }
}
