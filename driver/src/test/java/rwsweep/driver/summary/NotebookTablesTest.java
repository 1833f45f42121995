package rwsweep.driver.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import rwsweep.driver.sweep.UserError;
import rwsweep.worker.spec.TrialResult;

/** The notebook tables and the best trials by hand, on {@link TablesTest#handMade}. */
class NotebookTablesTest {
    private static final double THRESHOLD = SummaryOptions.DEFAULT_TRAINED_BELOW;

    /** 12 trials, 3 of 6 FAILED with no curve, the others 2 epochs each (0.9 untrained, then the error). */
    @Test
    void curvesAreOneRowPerTrialAndEpoch() {
        List<TrialResult> r = TablesTest.handMade();
        Table curves = NotebookTables.curves(r);
        assertEquals(List.of("key", "epoch", "train_error", "mean_loss", "status"), curves.columns());
        assertEquals(8 * 2, curves.rows().size(), "8 trials with a curve (4 FAILED have none), epochs 0 and 1");
        assertEquals(List.of(r.get(0).key(), "1", "0.02"), curves.rows().get(1).subList(0, 3));
        assertEquals("ok", curves.rows().get(1).get(4));
    }

    /**
     * D=3's best setting is g=1.1, 0.01/0.1 (median 0.04 over 0.02, 0.10, 0.04); its best seed is
     * seed 0 with 0.02 at epoch 1. The data name is what the sweep file reads.
     */
    @Test
    void bestIsTheLowestMediansLowestSeed() {
        List<TrialResult> r = TablesTest.handMade();
        Table best = NotebookTables.best(PanelResults.split(r, THRESHOLD), "mnist-sample (first 200)");
        assertEquals(1, best.rows().size());
        List<String> row = best.rows().get(0);
        List<String> cols = best.columns();
        assertEquals("3", row.get(cols.indexOf("depth")));
        assertEquals("16", row.get(cols.indexOf("width")));
        assertEquals("tanh", row.get(cols.indexOf("activation")));
        assertEquals("1.1", row.get(cols.indexOf("g")));
        assertEquals("0.01", row.get(cols.indexOf("lambda_in")));
        assertEquals("0.04", row.get(cols.indexOf("median_error")));
        assertEquals("2", row.get(cols.indexOf("trained")));
        assertEquals("3", row.get(cols.indexOf("trials")));
        assertEquals(r.get(0).key(), row.get(cols.indexOf("key")));
        assertEquals("0.02", row.get(cols.indexOf("min_train_error")));
        assertEquals("1", row.get(cols.indexOf("min_epoch")));
        assertEquals("mnist-sample (first 200)", row.get(cols.indexOf("data_name")));
        assertEquals(r.get(0).spec().dataId(), row.get(cols.indexOf("data")));
    }

    /** Only g=1.1 trains at D=3 (0.04 against 0.5): g_low = g_high = 1.1, numbers not text. */
    @Test
    void bestGIsTwoNumbers() {
        Table t = NotebookTables.bestG(PanelResults.split(TablesTest.handMade(), THRESHOLD));
        List<String> row = t.rows().get(0);
        assertEquals("1.1", row.get(t.columns().indexOf("g_low")));
        assertEquals("1.1", row.get(t.columns().indexOf("g_high")));
        assertEquals("0.04", row.get(t.columns().indexOf("error")));
    }

    /** --by depth: the one net, the same trial as best.csv; the terminal table is aligned. */
    @Test
    void bestTrialsByDepthAndTheAllowedNames() {
        List<TrialResult> r = TablesTest.handMade();
        Table t = BestTrials.of(r, BestTrials.fields("--by", List.of("depth")), THRESHOLD);
        assertEquals(List.of(List.of(r.get(0).key(), "3", "1.1", "0.01", "0.1", "0.04", "0.02", "1")), t.rows());
        String[] lines = t.text().split("\n");
        assertEquals(lines[2].indexOf(" depth ") + 1, lines[4].indexOf(" 3 ") + 1, t.text());
        assertEquals(lines[2].indexOf(" g ") + 1, lines[4].indexOf(" 1.1 ") + 1, t.text());
        assertTrue(lines[3].matches("-+( +-+)+"), lines[3]);
        UserError e = assertThrows(UserError.class, () -> BestTrials.fields("--by", List.of("depth", "lambda")));
        assertEquals("--by depth,lambda: unknown field 'lambda'; allowed: task, f, init, depth, width", e.getMessage());
    }
}
