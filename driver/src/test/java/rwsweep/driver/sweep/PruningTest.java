package rwsweep.driver.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import org.junit.jupiter.api.Test;
import rwsweep.driver.sweep.Pruning.Chance;
import rwsweep.driver.sweep.Pruning.Halving;
import rwsweep.driver.sweep.Pruning.Standing;
import rwsweep.worker.spec.TrialSpec;

/**
 * The pruning rule on hand-computed cases: rung epochs, how many go on, ranks within a net with
 * ties broken by key, nets ranked apart, the chance rule's threshold, independence of the order
 * the standings come in, the plan's trial-epoch bounds, and the sweep-file form with its errors.
 */
class PruningTest {
    private static final OptionalDouble TEN_CLASSES = OptionalDouble.of(0.9);

    private static Standing s(String key, String group, double error) {
        return new Standing(key, group, error, TEN_CLASSES);
    }

    private static Pruning halving(int grace, int reduction) {
        return new Pruning(Optional.of(new Halving(grace, reduction, List.of())), Optional.empty());
    }

    @Test
    void rungsAreGraceTimesPowersOfTheReductionBelowTheLastEpoch() {
        assertEquals(List.of(2, 6, 18), halving(2, 3).rungs(20));
        assertEquals(List.of(2, 6), halving(2, 3).rungs(18));   // a rung at the last epoch decides nothing
        assertEquals(List.of(1, 2, 4, 8), halving(1, 2).rungs(10));
        Pruning given = new Pruning(Optional.of(new Halving(3, 3, List.of(3, 5, 9))), Optional.of(new Chance(4, 0.05)));
        assertEquals(List.of(3, 4, 5), given.rungs(8));   // the chance rule's epoch joins the rungs
        assertEquals(List.of(), halving(2, 3).rungs(2));
    }

    @Test
    void halvingKeepsCeilNOverReductionAndAtLeastOne() {
        Halving h = new Halving(1, 3, List.of());
        assertEquals(3, h.kept(9));
        assertEquals(2, h.kept(4));
        assertEquals(1, h.kept(3));
        assertEquals(1, h.kept(2));
        assertEquals(1, h.kept(1));
    }

    @Test
    void ranksWithinEachNetTiesByKeyNetsApart() {
        // net A: 5 trials, reduction 2 keeps 3: errors 0.1 (a1), 0.3 (a2 and a0: tie, a0 first by key), 0.5, 0.7
        // net B: 2 trials at chance-like errors keeps 1: b1 (0.88) beats b0 (0.89) although both are worse than all of A
        List<Standing> standings = List.of(s("a1", "A", 0.1), s("a2", "A", 0.3), s("a3", "A", 0.5), s("a0", "A", 0.3),
                s("a4", "A", 0.7), s("b0", "B", 0.89), s("b1", "B", 0.88));
        Pruning p = halving(2, 2);
        assertEquals(List.of("a3", "a4", "b0"), List.copyOf(p.prunedAt(2, standings).keySet()));
        assertEquals("pruned after epoch 2: error 0.5 ranked 4 of 5 trials of its net, successive halving kept 3",
                p.prunedAt(2, standings).get("a3"));
        // epoch 3 is no rung: nothing is pruned there
        assertEquals(List.of(), List.copyOf(p.prunedAt(3, standings).keySet()));
        // a tie across the cut goes by key: of a2 and a0 at 0.3, a0 stays when only one is kept (reduction 4)
        List<Standing> four = List.of(s("a2", "A", 0.3), s("a0", "A", 0.3), s("a3", "A", 0.5), s("a4", "A", 0.7));
        assertEquals(List.of("a2", "a3", "a4"), List.copyOf(halving(2, 4).prunedAt(2, four).keySet()));
    }

    @Test
    void theDecisionDoesNotDependOnTheOrderOfTheStandings() {
        List<Standing> standings = new ArrayList<>();
        Random random = new Random(5);
        for (int i = 0; i < 30; i++) {
            // errors on a coarse grid so many tie
            standings.add(s(String.format("k%02d", i), "net" + (i % 3), Math.round(random.nextDouble() * 5) / 5.0));
        }
        Pruning p = new Pruning(Optional.of(new Halving(2, 3, List.of())), Optional.of(new Chance(2, 0.1)));
        java.util.Set<String> first = new java.util.TreeSet<>(p.prunedAt(2, standings).keySet());
        for (int round = 0; round < 10; round++) {
            Collections.shuffle(standings, random);
            assertEquals(first, new java.util.TreeSet<>(p.prunedAt(2, standings).keySet()));
        }
        // 10 trials per net, 4 kept each: 18 pruned by halving at least
        assertEquals(true, first.size() >= 18, first.toString());
    }

    @Test
    void theChanceRuleStopsClassifiersStillWithinXOfChanceAfterKEpochs() {
        Pruning p = new Pruning(Optional.empty(), Optional.of(new Chance(3, 0.05)));
        // chance 0.9 for ten classes: the threshold is 0.85
        List<Standing> standings = List.of(s("a", "A", 0.851), s("b", "A", 0.849), s("c", "B", 0.9), s("d", "B", 0.95),
                new Standing("e", "C", 0.99, OptionalDouble.empty()));   // an auto-encoder has no chance level
        assertEquals(List.of("a", "c", "d"), List.copyOf(p.prunedAt(3, standings).keySet()));
        assertEquals("pruned after epoch 3: error 0.851 within 0.05 of chance 0.9", p.prunedAt(3, standings).get("a"));
        assertEquals(List.of(), List.copyOf(p.prunedAt(2, standings).keySet()));
        assertEquals(0.9, Pruning.chanceError(Digits.spec(3, 1.0)).getAsDouble(), 1e-15);
    }

    @Test
    void bothRulesTogetherPruneTheUnionAndHalvingCountsEveryTrialThatReachedTheRung() {
        Pruning p = new Pruning(Optional.of(new Halving(2, 2, List.of())), Optional.of(new Chance(2, 0.05)));
        // four trials, halving keeps 2 of 4 (the chance-level ones count among the 4): b, a kept by rank; a is at chance
        List<Standing> standings = List.of(s("a", "A", 0.86), s("b", "A", 0.2), s("c", "A", 0.87), s("d", "A", 0.88));
        assertEquals(List.of("a", "c", "d"), List.copyOf(p.prunedAt(2, standings).keySet()));
        assertEquals("pruned after epoch 2: error 0.86 within 0.05 of chance 0.9", p.prunedAt(2, standings).get("a"));
    }

    @Test
    void aNetIsItsNonlinearityLayerSizesTaskAndDataNotItsGainOrSeed() {
        TrialSpec a = Digits.spec(3, 1.0);
        assertEquals(Pruning.groupOf(a), Pruning.groupOf(a.toBuilder().g(2.0).seed(9).lambda(0.1, 0.1).build()));
        assertEquals(false, Pruning.groupOf(a).equals(Pruning.groupOf(Digits.spec(4, 1.0))));
        assertEquals("relu 784-16x2-10 classify data=" + a.dataId() + " n=200", Pruning.groupOf(a));
    }

    @Test
    void trialEpochBoundsForThePlan() {
        List<TrialSpec> nine = new ArrayList<>();
        for (int i = 0; i < 9; i++) nine.add(Digits.spec(3, 1.0 + i / 10.0).toBuilder().epochs(20).build());
        assertEquals(180, Pruning.trialEpochs(nine));
        // rungs 2, 6, 18: 9 x 2, then 3 x 4, then 1 x 12, then 1 x 2
        assertEquals(9 * 2 + 3 * 4 + 12 + 2, halving(2, 3).fewestTrialEpochs(nine));
        // another net's trials are counted apart: two nets of nine, twice the epochs
        List<TrialSpec> two = new ArrayList<>(nine);
        for (TrialSpec t : nine) two.add(t.toBuilder().sizes(784, 16, 10).build());
        assertEquals(2 * 44, halving(2, 3).fewestTrialEpochs(two));
    }

    private static SweepFile parse(String yaml) {
        return SweepFile.parse("sweeps/t.yaml", Path.of("."), yaml);
    }

    @Test
    void theSweepFileForm() {
        String base = "data: mnist-sample\ndepths: 2\nwidth: 8\nepochs: 10\n";
        assertEquals(Optional.empty(), parse(base).pruning());
        assertEquals(Optional.empty(), parse(base + "prune: none\n").pruning());
        Pruning p = parse(base + "prune: {halving: {grace: 1, reduction: 2}, chance: {after: 3, within: 0.1}}\n").pruning().orElseThrow();
        assertEquals(new Pruning(Optional.of(new Halving(1, 2, List.of())), Optional.of(new Chance(3, 0.1))), p);
        assertEquals(List.of(1, 2, 3, 4, 8), p.rungs(10));
        assertEquals(new Halving(2, 3, List.of()), parse(base + "prune: {halving: {}}\n").pruning().orElseThrow().halving().orElseThrow());
        assertEquals(List.of(3, 7), parse(base + "prune:\n  halving: {rungs: [3, 7]}\n").pruning().orElseThrow().rungs(10));
        assertEquals(new Chance(4, Chance.DEFAULT_WITHIN), parse(base + "prune: {chance: {after: 4}}\n").pruning().orElseThrow().chance().orElseThrow());
    }

    @Test
    void badPruneValuesAreOneLineNamingTheFieldAndWhatIsAllowed() {
        String base = "data: mnist-sample\ndepths: 2\nwidth: 8\n";
        assertEquals("sweeps/t.yaml: prune.halving.reduction: got 1; allowed: " + SweepKey.PRUNE_REDUCTION.allowed(),
                assertThrows(UserError.class, () -> parse(base + "prune: {halving: {reduction: 1}}\n")).getMessage());
        assertEquals("sweeps/t.yaml: prune.halving.rungs: got 3 after 5; allowed: " + SweepKey.PRUNE_RUNGS.allowed(),
                assertThrows(UserError.class, () -> parse(base + "prune: {halving: {rungs: [5, 3]}}\n")).getMessage());
        assertEquals("sweeps/t.yaml: prune.chance.after: missing; allowed: " + SweepKey.PRUNE_AFTER.allowed(),
                assertThrows(UserError.class, () -> parse(base + "prune: {chance: {within: 0.1}}\n")).getMessage());
        assertEquals("sweeps/t.yaml: prune: got a map with no rule; allowed: " + SweepKey.PRUNE.allowed(),
                assertThrows(UserError.class, () -> parse(base + "prune: {}\n")).getMessage());
        assertEquals("sweeps/t.yaml: unknown key 'halvng' in prune (did you mean 'halving'?); allowed: halving, chance",
                assertThrows(UserError.class, () -> parse(base + "prune: {halvng: {}}\n")).getMessage());
        assertEquals("sweeps/t.yaml: prune.chance: got it for task autoencode; allowed: " + SweepKey.PRUNE_CHANCE.allowed(),
                assertThrows(UserError.class, () -> parse("data: mnist-sample\ntask: autoencode\ndepths: 4\np_lim: 200000\n"
                        + "prune: {chance: {after: 2}}\n")).getMessage());
    }
}
