package rwsweep.driver.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static rwsweep.driver.summary.SweepFixtures.handSpec;
import static rwsweep.driver.summary.SweepFixtures.result;

import java.util.List;
import org.junit.jupiter.api.Test;
import rwsweep.driver.sweep.LambdaPair;
import rwsweep.worker.Activation;
import rwsweep.worker.spec.TrialResult;
import rwsweep.worker.spec.TrialStatus;

/**
 * Pruned trials in the tables, by hand: depth 3, g 1.0 (two seeds, one pruned after epoch 1 at
 * 0.45: no median, although the other seed reached 0.01), g 1.2 (two seeds trained: 0.02, 0.04,
 * median 0.03), g 1.5 (both pruned, after epochs 1 (0.5) and 2 (0.4)). The minimum is g 1.2's
 * 0.03 — not the lucky survivor's 0.01 — and the cells of pruned seeds say where they stopped.
 */
class PrunedCellsTest {
    private static final double THRESHOLD = 0.05;

    private static TrialResult t(double g, long seed, TrialStatus status, double... curve) {
        return result(handSpec(Activation.TANH, g, 3, 16, 0.01, 0.1, seed).toBuilder().epochs(2).build(), status, curve);
    }

    private static final List<TrialResult> RESULTS = List.of(
            t(1.0, 0, TrialStatus.OK, 0.9, 0.3, 0.01), t(1.0, 1, TrialStatus.PRUNED, 0.9, 0.45),
            t(1.2, 0, TrialStatus.OK, 0.9, 0.2, 0.02), t(1.2, 1, TrialStatus.OK, 0.9, 0.1, 0.04),
            t(1.5, 0, TrialStatus.PRUNED, 0.9, 0.5), t(1.5, 1, TrialStatus.PRUNED, 0.9, 0.6, 0.4));

    @Test
    void aSettingWithAPrunedSeedHasNoMedianAndNeverWinsTheMinimum() {
        PanelResults p = PanelResults.split(RESULTS, THRESHOLD).get(0);
        LambdaPair pair = p.pairs().first();
        Replicates withPruned = p.at(1.0, 3, pair).orElseThrow();
        assertFalse(withPruned.hasError());
        assertEquals(1, withPruned.trained());   // the survivor trained, and is counted so
        assertEquals(1, withPruned.pruned());
        assertEquals(0.03, p.best(3).orElseThrow().error(), 1e-15);
        assertEquals(List.of(1.2), p.bestGs(3));
    }

    @Test
    void cellsSayWherePrunedTrialsStoppedNeverAsATrainedValue() {
        PanelResults p = PanelResults.split(RESULTS, THRESHOLD).get(0);
        List<List<String>> rows = Tables.figure3(p).rows();
        assertEquals(List.of("1", "pruned at epoch 1, error 0.45 then (1 pruned)"), rows.get(0));
        assertEquals("0.03 [2/2] 0.01/0.1", rows.get(1).get(1));
        // the furthest of the two: stopped after epoch 2 at 0.4
        assertEquals(List.of("1.5", "pruned at epoch 2, error 0.4 then (2 pruned)"), rows.get(2));
        List<List<String>> tidy = Tables.figure3Tidy(List.of(p)).rows();
        // g 1.5: no error, 2 pruned, stopped at epoch 2 at 0.4
        List<String> cols = Tables.figure3Tidy(List.of(p)).columns();
        List<String> g15 = tidy.get(2);
        assertEquals("", g15.get(cols.indexOf("min_median_error")));
        assertEquals(List.of("2", "2", "0.4"), List.of(g15.get(cols.indexOf("pruned")), g15.get(cols.indexOf("pruned_epoch")),
                g15.get(cols.indexOf("pruned_error"))));
    }
}
