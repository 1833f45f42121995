package rwsweep.driver.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rwsweep.driver.summary.SweepFixtures.handSpec;
import static rwsweep.driver.summary.SweepFixtures.result;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rwsweep.driver.sweep.UserError;
import rwsweep.worker.Activation;
import rwsweep.worker.spec.TrialResult;
import rwsweep.worker.spec.TrialStatus;

/** Two sweeps side by side: the cells both ran, their difference, and nothing when they share no point. */
class SweepComparisonTest {
    /**
     * B is {@link PlotsTest#sweep} with one trial changed: at D=2, g=1.5 the pair 0.01/0.1 reached
     * 0.05 instead of 0.02. The cells both have with an error: D=2 at every g, D=4 at g=1 and 2
     * (g=0.5 FAILED in both, g=1.5 never ran): six, one of them +0.03.
     */
    @Test
    void theCellsBothHaveWithTheirDifference(@TempDir Path dir) throws Exception {
        List<TrialResult> a = PlotsTest.sweep(), b = new ArrayList<>();
        for (TrialResult r : a) {
            boolean changed = r.spec().depth() == 2 && r.spec().g() == 1.5 && r.spec().lambdaIn() == 0.01;
            b.add(changed ? result(r.spec(), TrialStatus.OK, 0.9, 0.05) : r);
        }
        SweepComparison c = SweepComparison.of("A", a, "B", b, 0.05);
        Table t = c.table();
        assertEquals(6, t.rows().size(), t.text());
        for (List<String> row : t.rows()) {
            boolean changed = row.get(1).equals("1.5") && row.get(2).equals("2");
            assertEquals(changed ? "0.02" : row.get(3), row.get(3));
            assertEquals(changed ? "0.05" : row.get(3), row.get(4), row.toString());
            assertEquals(changed ? "0.03" : "0", row.get(5), row.toString());
            assertEquals("0", row.get(8), "same per-layer norms: " + row);
        }
        Path index = c.write(dir, "sweep A", "sweep B");
        String html = Files.readString(index);
        javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(index.toFile());
        assertTrue(html.contains("<img src=\"data:image/png;base64,"), "the plot is inlined");
        assertTrue(Files.isRegularFile(dir.resolve("plots/compare-tanh-gaussian-classify.svg")));
        assertEquals(t.csv(), Files.readString(dir.resolve("compare.csv")));
    }

    @Test
    void sweepsWithoutACommonGridPointAreOneLine() {
        List<TrialResult> a = List.of(result(handSpec(Activation.TANH, 1.0, 2, 16, 0.01, 0.1, 1), TrialStatus.OK, 0.9, 0.1));
        List<TrialResult> b = List.of(result(handSpec(Activation.TANH, 1.2, 2, 16, 0.01, 0.1, 1), TrialStatus.OK, 0.9, 0.1));
        UserError e = assertThrows(UserError.class, () -> SweepComparison.of("dirA", a, "dirB", b, 0.05));
        assertTrue(e.getMessage().startsWith("dirA and dirB have no grid point in common"), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"));
        List<TrialResult> relu = List.of(result(handSpec(Activation.RELU, 1.0, 2, 16, 0.01, 0.1, 1), TrialStatus.OK, 0.9, 0.1));
        assertThrows(UserError.class, () -> SweepComparison.of("dirA", a, "dirB", relu, 0.05), "another panel");
    }
}
