package rwsweep.driver.summary;

import rwsweep.driver.sweep.NumberText;
import rwsweep.driver.sweep.UserError;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.markers.SeriesMarkers;
import rwsweep.driver.summary.PanelResults.Best;
import rwsweep.worker.spec.TrialResult;

/**
 * Two sweeps side by side ({@code rwsweep compare DIR1 DIR2}): for every panel both have (same
 * task, nonlinearity, init and every other spec field) and every (g, D) both ran, the Figure 3
 * cell of each — the minimum over (λin, λout) of the median over seeds — and B − A; and the init
 * diagnostics at step 0 of both: the median ln(|δ1|/|δD|) and, layer by layer, the median ln|δd|
 * (the largest difference over the layers). Sweeps that share no grid point are a UserError: there
 * is nothing to compare, which is what the user needs to hear.
 */
public final class SweepComparison {
    /** One (g, D) of one panel in both sweeps. */
    record Cell(String panel, double g, int depth, double errorA, double errorB, double ratioA, double ratioB, double layerDiff) {
        double diff() { return errorB - errorA; }
    }

    private final String nameA, nameB;
    private final List<Cell> cells;
    private final List<PanelPair> panels;

    private record PanelPair(String label, String slug, PanelResults a, PanelResults b, SortedSet<Double> gs, SortedSet<Integer> depths) { }

    private SweepComparison(String nameA, String nameB, List<Cell> cells, List<PanelPair> panels) {
        this.nameA = nameA;
        this.nameB = nameB;
        this.cells = cells;
        this.panels = panels;
    }

    /** The comparison of A's results with B's; a UserError naming both when they share no grid point. */
    public static SweepComparison of(String nameA, List<TrialResult> a, String nameB, List<TrialResult> b, double trainedBelow) {
        Map<Panel, PanelResults> byPanel = new TreeMap<>(Panel.ORDER);
        for (PanelResults p : PanelResults.split(a, trainedBelow)) byPanel.put(p.panel(), p);
        List<Cell> cells = new ArrayList<>();
        List<PanelPair> pairs = new ArrayList<>();
        for (PanelResults pb : PanelResults.split(b, trainedBelow)) {
            PanelResults pa = byPanel.get(pb.panel());
            if (pa == null) continue;
            SortedSet<Double> gs = new TreeSet<>();
            SortedSet<Integer> depths = new TreeSet<>();
            for (double g : pa.gs()) {
                if (!pb.gs().contains(g)) continue;
                for (int d : pa.depths()) {
                    if (!pb.depths().contains(d)) continue;
                    Optional<Best> ca = pa.bestOverPairs(g, d), cb = pb.bestOverPairs(g, d);
                    if (ca.isEmpty() && cb.isEmpty()) continue;
                    if (pa.countsAt(g, d).trials() == 0 || pb.countsAt(g, d).trials() == 0) continue;
                    cells.add(new Cell(pa.label(), g, d, ca.map(Best::error).orElse(Double.NaN), cb.map(Best::error).orElse(Double.NaN),
                            medianRatio(pa, g, d), medianRatio(pb, g, d), layerDiff(pa, pb, g, d)));
                    gs.add(g);
                    depths.add(d);
                }
            }
            if (!gs.isEmpty()) pairs.add(new PanelPair(pa.label(), pa.slug(), pa, pb, gs, depths));
        }
        if (cells.isEmpty()) {
            throw new UserError(nameA + " and " + nameB + " have no grid point in common (the same panel — task, f, init and "
                    + "every other spec field — at the same g and depth D); nothing to compare");
        }
        return new SweepComparison(nameA, nameB, cells, pairs);
    }

    /** Every compared cell: panel, g, D, both errors, B − A, both init diagnostics. */
    Table table() {
        Table t = new Table("compare", "Figure 3 cells of both sweeps (A = " + nameA + ", B = " + nameB + "): min over (λin, λout) "
                + "of the median training error over seeds; step-0 ln(|δ1|/|δD|), median over the trials of (g, D); "
                + "the largest difference over layers d of the median ln|δd|",
                List.of("panel", "g", "D", "error A", "error B", "B − A", "ln(δ1/δD) A", "ln(δ1/δD) B", "max |Δ ln|δd||"));
        for (Cell c : cells) {
            t.add(List.of(c.panel(), NumberText.compact(c.g()), Integer.toString(c.depth()), num(c.errorA()), num(c.errorB()),
                    num(c.diff()), num(c.ratioA()), num(c.ratioB()), num(c.layerDiff())));
        }
        return t;
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : NumberText.compact(v);
    }

    /** The comparison as text for a terminal. */
    public String text() {
        return table().text();
    }

    /**
     * Writes {@code dir}/index.html (self-contained: plots inlined), compare.csv and plots/*.png
     * and *.svg; returns index.html.
     */
    public Path write(Path dir, String textA, String textB) {
        try {
            Path plots = dir.resolve("plots");
            Files.createDirectories(plots);
            Table table = table();
            Files.writeString(dir.resolve("compare.csv"), table.csv(), StandardCharsets.UTF_8);
            StringBuilder b = new StringBuilder(1 << 15);
            b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>")
             .append(Html.escape("rwsweep compare — " + nameA + " vs " + nameB)).append("</title>\n<style>\n").append(Report.CSS)
             .append("</style>\n</head>\n<body>\n<h1>").append(Html.escape(nameA + " (A) against " + nameB + " (B)")).append("</h1>\n");
            b.append("<p class=\"lead\">").append(Html.escape(cells.size() + " grid points (panel, g, D) in both, in "
                    + panels.size() + " panel" + (panels.size() == 1 ? "" : "s") + ".")).append("</p>\n");
            b.append("<ul>\n<li>A: ").append(Html.escape(textA)).append("</li>\n<li>B: ").append(Html.escape(textB)).append("</li>\n</ul>\n");
            for (PanelPair p : panels) {
                b.append("<h2>").append(Html.escape(p.label())).append("</h2>\n");
                String file = "compare-" + p.slug() + ".png";
                Figures.save(charts(p), "A against B — " + p.label(), plots.resolve(file));
                b.append(Figures.html(new Plots.Plot("plots/" + file, "A against B — " + p.label(),
                        "Left: the Figure 3 minimum over (λin, λout) of A (solid) and B (dashed), one colour per depth; errors of 0 "
                                + "in the row labelled 0. Middle: B − A per cell. Right: the step-0 init diagnostic "
                                + "ln(|δ1|/|δD|), median per (g, D), of A (solid) and B (dashed)."), dir));
            }
            b.append("<h2>Every cell</h2>\n").append(table.html());
            b.append("</body>\n</html>\n");
            Path index = dir.resolve("index.html");
            Files.writeString(index, b.toString(), StandardCharsets.UTF_8);
            return index;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the comparison into " + dir + ": " + e.getMessage(), e);
        }
    }

    private List<XYChart> charts(PanelPair p) {
        XYChart errors = Plots.chart("Figure 3: A solid, B dashed", "g", Plots.ERROR_AXIS);
        XYChart diff = Plots.chart("B − A (training error)", "g", "B − A");
        XYChart init = Plots.chart("ln(|δ1|/|δD|) at step 0: A solid, B dashed", "g", "ln(|δ1| / |δD|)");
        int i = 0;
        for (int d : p.depths()) {
            Color c = Plots.colour(i++);
            List<double[]> ea = new ArrayList<>(), eb = new ArrayList<>(), dd = new ArrayList<>(), ra = new ArrayList<>(), rb = new ArrayList<>();
            for (double g : p.gs()) {
                Optional<Cell> cell = cells.stream().filter(x -> x.panel().equals(p.label()) && x.g() == g && x.depth() == d).findFirst();
                double floor = Plots.floor(p.a());
                ea.add(new double[] {g, cell.map(x -> Math.max(x.errorA(), floor)).orElse(Double.NaN)});
                eb.add(new double[] {g, cell.map(x -> Math.max(x.errorB(), floor)).orElse(Double.NaN)});
                dd.add(new double[] {g, cell.map(Cell::diff).orElse(Double.NaN)});
                ra.add(new double[] {g, cell.map(Cell::ratioA).orElse(Double.NaN)});
                rb.add(new double[] {g, cell.map(Cell::ratioB).orElse(Double.NaN)});
            }
            Plots.series(errors, "D=" + d, ea, c, SeriesMarkers.CIRCLE, XYSeriesRenderStyle.Line);
            Plots.series(errors, "D=" + d + " B", eb, c, SeriesMarkers.SQUARE, XYSeriesRenderStyle.Line)
                    .ifPresent(s -> s.setLineStyle(Plots.DASHED).setShowInLegend(false));
            Plots.series(diff, "D=" + d, dd, c, SeriesMarkers.CIRCLE, XYSeriesRenderStyle.Line);
            Plots.series(init, "D=" + d, ra, c, SeriesMarkers.CIRCLE, XYSeriesRenderStyle.Line);
            Plots.series(init, "D=" + d + " B", rb, c, SeriesMarkers.SQUARE, XYSeriesRenderStyle.Line)
                    .ifPresent(s -> s.setLineStyle(Plots.DASHED).setShowInLegend(false));
        }
        List<double[]> zero = List.of(new double[] {p.gs().first(), 0}, new double[] {p.gs().last(), 0});
        Plots.series(diff, "0 (no difference)", zero, Color.BLACK, SeriesMarkers.NONE, XYSeriesRenderStyle.Line)
                .ifPresent(s -> s.setLineStyle(Plots.DASHED));
        Plots.gAxis(p.gs(), errors, diff, init);
        Plots.errorAxis(Plots.floor(p.a()), errors);
        return List.of(errors, diff, init);
    }

    /** The median step-0 ln(|δ1|/|δD|) over every trial at (g, D) with a finite one; NaN if none. */
    private static double medianRatio(PanelResults p, double g, int d) {
        List<Double> v = new ArrayList<>();
        for (TrialResult t : trials(p, g, d)) if (Double.isFinite(t.logDeltaRatio())) v.add(t.logDeltaRatio());
        return median(v);
    }

    /** The largest |difference| over layers of the median ln|δd| of A and B at (g, D); NaN when either has none. */
    private static double layerDiff(PanelResults a, PanelResults b, double g, int d) {
        double[] la = layerMedians(a, g, d), lb = layerMedians(b, g, d);
        if (la.length == 0 || la.length != lb.length) return Double.NaN;
        double max = Double.NaN;
        for (int k = 0; k < la.length; k++) {
            double x = Math.abs(la[k] - lb[k]);
            if (Double.isFinite(x) && !(x <= max)) max = x;
        }
        return max;
    }

    private static double[] layerMedians(PanelResults p, double g, int d) {
        List<TrialResult> ts = trials(p, g, d).stream().filter(t -> t.deltaNorms().length == d).toList();
        if (ts.isEmpty()) return new double[0];
        double[] out = new double[d];
        for (int k = 0; k < d; k++) {
            List<Double> v = new ArrayList<>();
            for (TrialResult t : ts) {
                double n = t.deltaNorms()[k];
                if (n > 0 && Double.isFinite(n)) v.add(Math.log(n));
            }
            out[k] = median(v);
        }
        return out;
    }

    private static List<TrialResult> trials(PanelResults p, double g, int d) {
        List<TrialResult> out = new ArrayList<>();
        p.settings().forEach((s, r) -> { if (s.g() == g && s.depth() == d) out.addAll(r.results()); });
        return out;
    }

    private static double median(List<Double> v) {
        if (v.isEmpty()) return Double.NaN;
        double[] a = v.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        return Replicates.median(a);
    }
}
