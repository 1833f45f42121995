package rwsweep.driver.summary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rwsweep.driver.summary.SweepFixtures.failed;
import static rwsweep.driver.summary.SweepFixtures.handSpec;
import static rwsweep.driver.summary.SweepFixtures.result;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;
import rwsweep.worker.Activation;
import rwsweep.worker.spec.TrialResult;
import rwsweep.worker.spec.TrialStatus;

/** What the plots draw, read from the charts before they become pixels. */
class PlotsTest {
    private static final double[] GS = {0.5, 1.0, 1.5, 2.0};

    /**
     * One seed, 100 examples (floor 1/(4·100) = 0.0025), pairs 0.01/0.1 and 0.1/0.1, depths 2 and 4.
     * D=2: pair 0.01/0.1 errors 0.3, 0, 0.02, 0.4 over g; pair 0.1/0.1 0.5 everywhere, DIVERGED at
     * g=1 and at g=2 (where 0.01/0.1 diverged too). D=4: g=0.5 FAILED (both pairs), no trial at
     * g=1.5, 0.1 and 0.2 at g=1 and 2 for 0.01/0.1, 0.6 for 0.1/0.1.
     */
    static List<TrialResult> sweep() {
        List<TrialResult> r = new ArrayList<>();
        double[] d2 = {0.3, 0, 0.02, 0.4};
        for (int i = 0; i < GS.length; i++) {
            double g = GS[i];
            r.add(result(handSpec(Activation.TANH, g, 2, 16, 0.01, 0.1, 1), g == 2.0 ? TrialStatus.DIVERGED : TrialStatus.OK, 0.9, d2[i]));
            r.add(result(handSpec(Activation.TANH, g, 2, 16, 0.1, 0.1, 1),
                    g == 1.0 || g == 2.0 ? TrialStatus.DIVERGED : TrialStatus.OK, 0.9, 0.5));
            if (g == 0.5) {
                r.add(failed(handSpec(Activation.TANH, g, 4, 16, 0.01, 0.1, 1)));
                r.add(failed(handSpec(Activation.TANH, g, 4, 16, 0.1, 0.1, 1)));
            } else if (g != 1.5) {
                r.add(result(handSpec(Activation.TANH, g, 4, 16, 0.01, 0.1, 1), TrialStatus.OK, 0.9, g == 1.0 ? 0.1 : 0.2));
                r.add(result(handSpec(Activation.TANH, g, 4, 16, 0.1, 0.1, 1), TrialStatus.OK, 0.9, 0.6));
            }
        }
        return r;
    }

    private static PanelResults panel() {
        List<PanelResults> panels = PanelResults.split(sweep(), 0.05);
        assertEquals(1, panels.size());
        return panels.get(0);
    }

    private static XYSeries named(XYChart chart, String name) {
        XYSeries s = chart.getSeriesMap().get(name);
        assertNotNull(s, name + " in " + chart.getSeriesMap().keySet());
        return s;
    }

    /** The minimum line of D=4 breaks at g=0.5 (every trial FAILED) and at g=1.5 (no trial, though D=2 has one). */
    @Test
    void aLineBreaksWhereItsDepthHasNoResult() {
        XYChart min = Plots.figure3Charts(panel()).orElseThrow().get(1);
        XYSeries d4 = named(min, "D=4");
        assertArrayEquals(GS, d4.getXData());
        assertArrayEquals(new double[] {Double.NaN, Math.log10(0.1), Double.NaN, Math.log10(0.2)}, d4.getYData());
        XYSeries d2 = named(min, "D=2");
        // y is log10 of the error; the 0 sits in its own row, a decade below 0.01 (the decade of the smallest error, 0.02)
        assertArrayEquals(new double[] {Math.log10(0.3), -3, Math.log10(0.02), Math.log10(0.4)}, d2.getYData(), 1e-15,
                "0 drawn in the zero row at log10 = -3");
    }

    /**
     * Depths that share no g (each net's own g around its critical value) are each their own
     * grid: their lines join their own points; depths that share one take each other's g.
     */
    @Test
    void depthsWithoutACommonGKeepTheirOwnGrid() {
        Set<Double> a = Set.of(1.0, 1.1, 1.2), b = Set.of(1.05, 1.15), c = Set.of(1.1, 1.3);
        assertEquals(List.of(1.0, 1.1, 1.2), List.copyOf(Plots.lineGrid(a, List.of(b))));
        assertEquals(List.of(1.0, 1.1, 1.2, 1.3), List.copyOf(Plots.lineGrid(a, List.of(b, c))));
    }

    /**
     * Two seeds at 0 and one mistake of 100 have the median 0.005 = 1/(2n): a real error, drawn at
     * log10 0.005, not in the row of zeros; two seeds at 0 are drawn there.
     */
    @Test
    void aMedianOfHalfAMistakeIsNotZero() {
        List<TrialResult> r = new ArrayList<>();
        for (double g : GS) {
            for (int seed = 1; seed <= 2; seed++) {
                double e = g == 1.0 && seed == 2 ? 0.01 : g == 2.0 ? 0.3 : 0;
                r.add(result(handSpec(Activation.TANH, g, 2, 16, 0.01, 0.1, seed), TrialStatus.OK, 0.9, e));
            }
        }
        PanelResults p = PanelResults.split(r, 0.05).get(0);
        XYSeries d2 = named(Plots.figure3Charts(p).orElseThrow().get(1), "D=2");
        double zeroRow = d2.getYData()[0];
        assertEquals(Math.log10(0.005), d2.getYData()[1], 1e-12, "g = 1: median of 0 and 0.01");
        assertTrue(zeroRow < Math.log10(0.005) - 0.5, "g = 0.5 (both 0) in the zero row below, at " + zeroRow);
        assertEquals(zeroRow, d2.getYData()[2], 0, "g = 1.5: both 0");
    }

    /**
     * A refined sweep: every depth has the grid (1, 1.5, 2) and g of its own; a depth's line joins
     * its own points over the others' refined g, and breaks only at a grid g it lacks.
     */
    @Test
    void refinedGOfOtherDepthsBreakNoLine() {
        Set<Double> a = Set.of(1.0, 1.2, 1.5, 2.0), b = Set.of(1.0, 1.5, 1.7, 2.0), c = Set.of(1.0, 1.1, 1.5, 2.0);
        assertEquals(List.of(1.0, 1.2, 1.5, 2.0), List.copyOf(Plots.lineGrid(a, List.of(b, c))));
        Set<Double> unfinished = Set.of(1.0, 2.0);
        assertEquals(List.of(1.0, 1.5, 2.0), List.copyOf(Plots.lineGrid(unfinished, List.of(b, c))));
    }

    /**
     * Crosses mark exactly the points with a DIVERGED seed: on the left the pair 0.1/0.1 at g=1
     * and g=2 and 0.01/0.1 at g=2 (all D=2); on the right only g=2, where the lowest pair diverged
     * too (at g=1 the lowest pair, 0.01/0.1, did not).
     */
    @Test
    void divergedPointsCarryACross() {
        List<XYChart> charts = Plots.figure3Charts(panel()).orElseThrow();
        XYSeries left = named(charts.get(0), Plots.DIVERGED);
        assertEquals(SeriesMarkers.CROSS, left.getMarker());
        Set<List<Double>> points = new HashSet<>();
        for (int k = 0; k < left.getXData().length; k++) points.add(List.of(left.getXData()[k], left.getYData()[k]));
        assertEquals(Set.of(List.of(1.0, Math.log10(0.5)), List.of(2.0, Math.log10(0.5)), List.of(2.0, Math.log10(0.4))), points);
        XYSeries right = named(charts.get(1), Plots.DIVERGED);
        assertArrayEquals(new double[] {2.0}, right.getXData());
        assertArrayEquals(new double[] {Math.log10(0.4)}, right.getYData());
        // Figure 4 takes the best g of each pair: at D=2 g=1 (0) and g=0.5 (0.5, the first of equals), neither diverged
        assertFalse(Plots.figure4Chart(panel()).orElseThrow().getSeriesMap().containsKey(Plots.DIVERGED));
    }

    /**
     * Depths 100 to 1000 (a frontier) have no power of two at either end of the log2 axis: the
     * powers between them still get their labels, drawn by XChart itself.
     */
    @Test
    void aLogDepthAxisWithoutPowersOfTwoAtItsEndsIsLabelled() {
        List<TrialResult> r = new ArrayList<>();
        for (int d : new int[] {100, 200, 500, 1000}) r.add(result(handSpec(Activation.TANH, 1.1, d, 16, 0.01, 0.1, 1), TrialStatus.OK, 0.9, 0.5));
        XYChart chart = Plots.figure4Chart(PanelResults.split(r, 0.05).get(0)).orElseThrow();
        var labels = chart.getStyler().getxAxisTickLabelsFormattingFunction();
        List<String> drawn = new ArrayList<>();
        chart.getStyler().setxAxisTickLabelsFormattingFunction(x -> {
            String s = labels.apply(x);
            drawn.add(s);
            return s;
        });
        org.knowm.xchart.BitmapEncoder.getBufferedImage(chart);
        assertTrue(drawn.containsAll(List.of("128", "256", "512")), drawn.toString());
    }

    /** Every pair has its own marker on the all-pairs chart, none of them the divergence cross; a legend entry each. */
    @Test
    void everyPairHasItsOwnMarker() {
        XYChart all = Plots.figure3Charts(panel()).orElseThrow().get(0);
        Marker a = named(all, "D=2 λ 0.01/0.1").getMarker(), b = named(all, "D=2 λ 0.1/0.1").getMarker();
        assertNotEquals(a.getClass(), b.getClass());
        assertEquals(a.getClass(), named(all, "D=4 λ 0.01/0.1").getMarker().getClass(), "the marker is the pair's, whatever D");
        assertNotEquals(SeriesMarkers.CROSS.getClass(), a.getClass());
        assertNotEquals(SeriesMarkers.CROSS.getClass(), b.getClass());
        assertEquals(a.getClass(), named(all, "λ 0.01/0.1").getMarker().getClass());
        assertTrue(named(all, "λ 0.1/0.1").isShowInLegend());
        assertFalse(named(all, "D=2 λ 0.1/0.1").isShowInLegend());
    }

    /**
     * The error axis: log10 of the error, ticks labelled at decades only, from the zero row (an
     * error of 0 was measured; one decade below 0.01, the decade of the smallest error) to just
     * above 1; the zero row's tick says "0", and a dashed line between it and 0.01 is in the legend.
     */
    @Test
    void anErrorOfZeroIsAMarkedRowAndEveryDecadeIsLabelled() {
        XYChart min = Plots.figure3Charts(panel()).orElseThrow().get(1);
        assertFalse(min.getStyler().isYAxisLogarithmic(), "log10 values on a linear axis, so a tick can say 0");
        assertEquals(-3 - Math.log10(1.3), min.getStyler().getYAxisMin(), 1e-12);
        assertEquals(Math.log10(1.15), min.getStyler().getYAxisMax(), 1e-12);
        var label = min.getStyler().getyAxisTickLabelsFormattingFunction();
        assertEquals("0", label.apply(-3.0));
        assertEquals("0.01", label.apply(-2.0));
        assertEquals("0.1", label.apply(-1.0));
        assertEquals("1", label.apply(0.0));
        assertEquals(" ", label.apply(-1.5), "no label between decades");
        XYSeries line = named(min, Plots.ZERO + " line");
        assertArrayEquals(new double[] {0.5, 2.0}, line.getXData());
        assertArrayEquals(new double[] {-2.5, -2.5}, line.getYData(), 1e-12);
        assertTrue(named(min, Plots.ZERO).isShowInLegend());
        // drawn first, under the data
        assertEquals(Plots.ZERO + " line", min.getSeriesMap().keySet().iterator().next());
    }

    /** A log-spaced g grid (quickstart's 0.5 .. 2 in 7 steps) gets a log g axis labelled in g; a linear one does not. */
    @Test
    void aLogSpacedGridHasALogGAxis() {
        double[] gs = {0.5, 0.63, 0.794, 1.0, 1.26, 1.587, 2.0};
        List<TrialResult> r = new ArrayList<>();
        for (double g : gs) r.add(result(handSpec(Activation.TANH, g, 2, 16, 0.01, 0.1, 1), TrialStatus.OK, 0.9, 0.1 + g / 10));
        XYChart min = Plots.figure3Charts(PanelResults.split(r, 0.05).get(0)).orElseThrow().get(1);
        XYSeries d2 = named(min, "D=2");
        for (int k = 0; k < gs.length; k++) assertEquals(Math.log10(gs[k]), d2.getXData()[k], 1e-12);
        assertEquals("0.5", min.getStyler().getxAxisTickLabelsFormattingFunction().apply(Math.log10(0.5)));
        assertEquals("g (log scale)", min.getXAxisTitle());
        assertTrue(Plots.logSpaced(new java.util.TreeSet<>(List.of(0.5, 1.0, 2.0, 4.0))));
        assertFalse(Plots.logSpaced(new java.util.TreeSet<>(List.of(0.5, 1.0, 1.5, 2.0))));
        assertFalse(Plots.logSpaced(new java.util.TreeSet<>(List.of(1.0, 2.0))));
        assertEquals("g", Plots.figure3Charts(panel()).orElseThrow().get(1).getXAxisTitle());
    }

    /** Without an error of 0 there is no floor, and the axis starts at the decade below the smallest error. */
    @Test
    void withoutZeroErrorsTheAxisStartsAtADecade() {
        List<TrialResult> r = new ArrayList<>();
        for (double g : GS) r.add(result(handSpec(Activation.TANH, g, 2, 16, 0.01, 0.1, 1), TrialStatus.OK, 0.9, 0.03 + g / 10));
        XYChart min = Plots.figure3Charts(PanelResults.split(r, 0.05).get(0)).orElseThrow().get(1);
        assertEquals(-2 - Math.log10(1.3), min.getStyler().getYAxisMin(), 1e-12);
        assertFalse(min.getSeriesMap().containsKey(Plots.ZERO));
        assertEquals(0.01, Plots.decadeAtOrBelow(0.01), 0);
        assertEquals(0.01, Plots.decadeAtOrAbove(0.01), 0);
        assertEquals(1, Plots.decadeAtOrAbove(0.9), 0);
    }

    /** Every plot of the panel renders to a PNG (XChart accepts the NaN gaps and legend-only entries). */
    @Test
    void everyPlotRenders(@TempDir Path dir) throws Exception {
        PanelResults p = panel();
        for (var plot : List.of(Plots.figure3(p, dir), Plots.figure4(p, dir), Plots.curves(p, dir), Plots.initDiagnostics(p, dir))) {
            assertTrue(plot.isPresent());
            assertNotNull(ImageIO.read(dir.resolve(plot.get().file()).toFile()), plot.get().file());
            // the SVG beside it: XML with an svg root of the PNG's size
            Path svg = Figures.svgOf(dir.resolve(plot.get().file()));
            var xml = javax.xml.parsers.DocumentBuilderFactory.newInstance();
            xml.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);  // SVG 1.1's DOCTYPE
            var doc = xml.newDocumentBuilder().parse(svg.toFile());
            assertEquals("svg", doc.getDocumentElement().getTagName());
            var png = ImageIO.read(dir.resolve(plot.get().file()).toFile());
            assertTrue(doc.getDocumentElement().getAttribute("width").startsWith(Integer.toString(png.getWidth())),
                    doc.getDocumentElement().getAttribute("width"));
        }
    }
}
