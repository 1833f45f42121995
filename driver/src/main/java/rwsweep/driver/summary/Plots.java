package rwsweep.driver.summary;

import rwsweep.driver.sweep.LambdaPair;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;
import rwsweep.driver.summary.PanelResults.Best;
import rwsweep.worker.spec.Task;
import rwsweep.worker.spec.TrialResult;

/**
 * The summary's PNG plots (XChart, headless), each drawn only when the results can speak to it:
 * <ul>
 *   <li>Figure 3 (at least two g): training error against g, one colour per depth D; left every
 *       (λin, λout) pair's median, right the minimum over pairs;
 *   <li>Figure 4 (at least two depths): training error against D, one colour and marker per pair,
 *       the minimum over g;
 *   <li>the per-epoch training error of the best trial at each depth (the paper's stunt-net panel);
 *   <li>init diagnostics (at least two g): ln(|δ1|/|δD|) at step 0 against g per trial, a line
 *       through each depth's medians, a dashed zero line (the unbiased walk);
 *   <li>trainability map (at least two init schemes on otherwise equal panels): scheme × depth,
 *       the fraction of seeds that trained at each scheme's best setting for that depth.
 * </ul>
 * Error axes are logarithmic, so an error of 0 is drawn at a floor (see {@link #floor}).
 */
final class Plots {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** A plot written into the summary directory: its file name (relative) and what it shows. */
    record Plot(String file, String title, String caption) { }

    private static final int WIDTH = 760;
    private static final int HEIGHT = 520;

    /** Categorical colours (Tableau 10), distinguishable by most readers and on white. */
    private static final Color[] COLOURS = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf),
    };
    private static final Marker[] MARKERS = {
        SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND, SeriesMarkers.TRIANGLE_UP,
        SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.CROSS, SeriesMarkers.PLUS, SeriesMarkers.OVAL,
    };

    private static final java.awt.BasicStroke DASHED = new java.awt.BasicStroke(1.5f, java.awt.BasicStroke.CAP_BUTT,
            java.awt.BasicStroke.JOIN_MITER, 10f, new float[] {9f, 6f}, 0f);

    private Plots() { }

    /**
     * Where an error of 0 is drawn on a log axis: for classifiers 1/(2n), half of one mistake among
     * n training examples, below every error a classifier can have; for auto-encoders half the
     * smallest positive error any trial of the panel recorded (1e-6 if none).
     */
    static double floor(PanelResults p) {
        if (p.panel().task() == Task.CLASSIFY) return 1.0 / (2.0 * p.trainSize());
        double min = Double.POSITIVE_INFINITY;
        for (Replicates r : p.settings().values()) {
            for (TrialResult t : r.results()) {
                for (double e : t.trainError()) if (e > 0 && e < min) min = e;
            }
        }
        return Double.isFinite(min) ? min / 2 : 1e-6;
    }

    private static String errorAxis(PanelResults p) {
        return "training error (log; 0 drawn at " + Table.number(floor(p)) + ")";
    }

    static Optional<Plot> figure3(PanelResults p, Path dir) {
        if (p.gs().size() < 2) return Optional.empty();
        double floor = floor(p);
        XYChart all = chart("all (λin, λout) pairs: median over seeds", "g", errorAxis(p));
        XYChart min = chart("min over (λin, λout)", "g", errorAxis(p));
        int i = 0;
        for (int d : p.depths()) {
            Color c = COLOURS[i % COLOURS.length];
            List<double[]> points = new ArrayList<>();
            List<double[]> minima = new ArrayList<>();
            for (double g : p.gs()) {
                for (LambdaPair pair : p.pairs()) {
                    p.at(g, d, pair).filter(Replicates::hasError)
                            .ifPresent(r -> points.add(new double[] {g, Math.max(r.median(), floor)}));
                }
                p.bestOverPairs(g, d).ifPresent(b -> minima.add(new double[] {g, Math.max(b.error(), floor)}));
            }
            series(all, "D=" + d, points, c, SeriesMarkers.CIRCLE, XYSeriesRenderStyle.Scatter);
            series(min, "D=" + d, minima, c, SeriesMarkers.CIRCLE, XYSeriesRenderStyle.Line);
            i++;
        }
        if (min.getSeriesMap().isEmpty()) return Optional.empty();  // every trial FAILED: nothing to draw
        sameErrorRange(all, min);
        String file = "figure3-" + p.slug() + ".png";
        write(sideBySide("Figure 3 — " + p.label(), all, min), dir.resolve(file));
        return Optional.of(new Plot(file, "Figure 3 — " + p.label(),
                "Training error against g, one colour per depth D. Left: the median over seeds of every (λin, λout) pair; "
                        + "right: the minimum over pairs."));
    }

    static Optional<Plot> figure4(PanelResults p, Path dir) {
        if (p.depths().size() < 2) return Optional.empty();
        double floor = floor(p);
        boolean manyG = p.gs().size() > 1;
        XYChart chart = chart("Figure 4 — " + p.label() + (manyG ? " (min over g)" : ""), "D (weight layers)", errorAxis(p));
        // Depths like 2..1000 squash onto a linear axis: then x is log2 D, labelled with D itself
        // (XChart's own log axis labels only 10^k, or crowds 2..9 of every decade).
        boolean log = p.depths().last() >= 8L * p.depths().first();
        if (log) {
            // Label whole powers of two only: XChart also ticks half steps (2.828, 5.657, ...).
            chart.getStyler().setxAxisTickLabelsFormattingFunction(
                    x -> Math.abs(x - Math.rint(x)) < 1e-9 ? Table.number(Math.pow(2, Math.rint(x))) : " "); // XChart refuses ""
            chart.setXAxisTitle("D (weight layers, log scale)");
        }
        int i = 0;
        for (LambdaPair pair : p.pairs()) {
            List<double[]> points = new ArrayList<>();
            for (int d : p.depths()) {
                double x = log ? Math.log(d) / Math.log(2) : d;
                p.bestOverG(d, pair).ifPresent(b -> points.add(new double[] {x, Math.max(b.error(), floor)}));
            }
            series(chart, "λin/λout = " + pair.label(), points, COLOURS[i % COLOURS.length], MARKERS[i % MARKERS.length],
                    XYSeriesRenderStyle.Line);
            i++;
        }
        if (chart.getSeriesMap().isEmpty()) return Optional.empty();
        String file = "figure4-" + p.slug() + ".png";
        write(image(chart), dir.resolve(file));
        return Optional.of(new Plot(file, "Figure 4 — " + p.label(),
                "Training error against depth D, one colour and marker per (λin, λout) pair"
                        + (manyG ? "; each point the minimum over g of the median over seeds." : "; median over seeds.")));
    }

    /** The trial with the lowest min training error at each depth (ties: the earlier minimum). */
    static Optional<Plot> curves(PanelResults p, Path dir) {
        Map<Integer, TrialResult> best = new TreeMap<>();
        for (Replicates r : p.settings().values()) {
            for (TrialResult t : r.results()) {
                if (Double.isNaN(t.minTrainError())) continue;
                TrialResult b = best.get(t.spec().depth());
                if (b == null || t.minTrainError() < b.minTrainError()
                        || (t.minTrainError() == b.minTrainError() && t.minEpoch() < b.minEpoch())) {
                    best.put(t.spec().depth(), t);
                }
            }
        }
        if (best.isEmpty()) return Optional.empty();
        double floor = floor(p);
        XYChart chart = chart("Best trial per depth — " + p.label(), "epoch", errorAxis(p));
        // One legend line per depth: the labels (depth, g, λ pair, seed) are too long to sit in one row.
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        int i = 0;
        for (TrialResult t : best.values()) {
            double[] e = t.trainError();
            List<double[]> points = new ArrayList<>();
            for (int k = 0; k < e.length; k++) if (!Double.isNaN(e[k])) points.add(new double[] {k, Math.max(e[k], floor)});
            series(chart, "D=" + t.spec().depth() + " g=" + Table.number(t.spec().g()) + " λ "
                    + LambdaPair.of(t.spec()).label() + " seed " + t.spec().seed(), points,
                    COLOURS[i % COLOURS.length], SeriesMarkers.NONE, XYSeriesRenderStyle.Line);
            i++;
        }
        String file = "curves-" + p.slug() + ".png";
        write(image(chart), dir.resolve(file));
        return Optional.of(new Plot(file, "Training curves — " + p.label(),
                "Training error per epoch (epoch 0 = untrained) of the trial with the lowest training error at each depth."));
    }

    static Optional<Plot> initDiagnostics(PanelResults p, Path dir) {
        if (p.gs().size() < 2) return Optional.empty();
        XYChart chart = chart("Init diagnostics — " + p.label(), "g", "ln(|δ1| / |δD|) at step 0");
        int i = 0, nonFinite = 0;
        for (int d : p.depths()) {
            Color c = COLOURS[i % COLOURS.length];
            List<double[]> points = new ArrayList<>();
            List<double[]> medians = new ArrayList<>();
            for (double g : p.gs()) {
                List<Double> ratios = new ArrayList<>();
                for (LambdaPair pair : p.pairs()) {
                    Optional<Replicates> r = p.at(g, d, pair);
                    if (r.isEmpty()) continue;
                    for (TrialResult t : r.get().results()) {
                        if (t.deltaNorms().length == 0) continue;  // FAILED: no diagnostics at all
                        if (Double.isFinite(t.logDeltaRatio())) ratios.add(t.logDeltaRatio());
                        else nonFinite++;                          // e.g. a ReLU layer with every unit off
                    }
                }
                for (double v : ratios) points.add(new double[] {g, v});
                if (!ratios.isEmpty()) {
                    medians.add(new double[] {g, Replicates.median(ratios.stream().mapToDouble(Double::doubleValue).sorted().toArray())});
                }
            }
            series(chart, "D=" + d + " trials", points, c, SeriesMarkers.CIRCLE, XYSeriesRenderStyle.Scatter)
                    .ifPresent(s -> s.setShowInLegend(false));
            series(chart, "D=" + d, medians, c, SeriesMarkers.NONE, XYSeriesRenderStyle.Line);
            i++;
        }
        if (chart.getSeriesMap().isEmpty()) return Optional.empty();
        List<double[]> zero = List.of(new double[] {p.gs().first(), 0}, new double[] {p.gs().last(), 0});
        series(chart, "0 (unbiased walk)", zero, Color.BLACK, SeriesMarkers.NONE, XYSeriesRenderStyle.Line)
                .ifPresent(s -> s.setLineStyle(DASHED));
        String file = "init-" + p.slug() + ".png";
        write(image(chart), dir.resolve(file));
        return Optional.of(new Plot(file, "Init diagnostics — " + p.label(),
                "ln(|δ1|/|δD|), the log ratio of the back-propagated error norms at the first and last layer at step 0, "
                        + "against g: dots are trials, lines the median per depth. Positive: the error grows towards the input."
                        + (nonFinite > 0 ? " " + nonFinite + " trials with a non-finite ratio (a dead layer) are left out." : "")));
    }

    /** One map per group of panels that differ only in the init scheme, when the group has two or more. */
    static List<Plot> trainabilityMaps(List<PanelResults> panels, Path dir) {
        Map<String, List<PanelResults>> groups = new LinkedHashMap<>();
        for (PanelResults p : panels) {
            Panel k = p.panel();
            groups.computeIfAbsent(k.task() + "|" + k.activation() + "|" + new TreeMap<>(k.others()), x -> new ArrayList<>()).add(p);
        }
        List<Plot> plots = new ArrayList<>();
        java.util.Set<String> used = new java.util.HashSet<>();  // groups that differ in other fields share f and task
        int index = 0;
        for (List<PanelResults> group : groups.values()) {
            index++;
            if (group.size() < 2) continue;
            SortedSet<Integer> depths = new TreeSet<>();
            for (PanelResults p : group) depths.addAll(p.depths());
            List<String> xs = new ArrayList<>();
            for (int d : depths) xs.add("D=" + d);
            List<String> ys = new ArrayList<>();
            List<Number[]> heat = new ArrayList<>();
            for (int y = 0; y < group.size(); y++) {
                PanelResults p = group.get(y);
                ys.add(Panel.lower(p.panel().init()));
                int x = 0;
                for (int d : depths) {
                    Optional<Best> b = p.best(d);
                    if (b.isPresent()) {
                        heat.add(new Number[] {x, y, (double) b.get().replicates().trained() / b.get().replicates().trials()});
                    }
                    x++;
                }
            }
            Panel first = group.get(0).panel();
            String what = Panel.lower(first.activation()) + ", " + Panel.lower(first.task());
            HeatMapChart chart = new HeatMapChartBuilder().width(WIDTH).height(Math.max(300, 120 + 60 * group.size()))
                    .title("Trainability — " + what)
                    .xAxisTitle("D (weight layers)").yAxisTitle("init scheme (fraction of seeds trained)").build();
            style(chart);
            chart.getStyler().setShowValue(true).setMin(0).setMax(1)
                    .setRangeColors(new Color[] {new Color(0xd73027), new Color(0xfee08b), new Color(0x1a9850)})
                    .setHeatMapValueDecimalPattern("0.00");
            chart.addSeries("fraction trained", xs, ys, heat);
            String file = "trainability-" + Panel.lower(first.activation()) + "-" + Panel.lower(first.task())
                    + (used.add(what) ? "" : "-" + index) + ".png";
            write(BitmapEncoder.getBufferedImage(chart), dir.resolve(file));
            plots.add(new Plot(file, "Trainability — " + what,
                    "For each init scheme and depth D: the fraction of seeds that trained at the setting (g, λin, λout) "
                            + "with the lowest median training error. Empty cells: no result."));
        }
        return plots;
    }

    private static XYChart chart(String title, String x, String y) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(x).yAxisTitle(y).build();
        style(chart);
        if (y.startsWith("training error")) {
            chart.getStyler().setYAxisLogarithmic(true).setYAxisLogarithmicDecadeOnly(false);
        }
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS).setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setMarkerSize(8);
        return chart;
    }

    private static void style(Chart<?, ?> chart) {
        Styler s = chart.getStyler();
        s.setChartBackgroundColor(Color.WHITE).setPlotBackgroundColor(Color.WHITE).setLegendBorderColor(Color.LIGHT_GRAY);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15)).setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        s.setAntiAlias(true);
        if (s instanceof org.knowm.xchart.style.AxesChartStyler a) {
            a.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14)).setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            a.setPlotGridLinesColor(new Color(0xdddddd));
        }
    }

    private static Optional<XYSeries> series(XYChart chart, String name, List<double[]> points, Color colour,
                                             Marker marker, XYSeriesRenderStyle render) {
        if (points.isEmpty()) return Optional.empty();
        double[] x = new double[points.size()], y = new double[points.size()];
        for (int k = 0; k < x.length; k++) {
            x[k] = points.get(k)[0];
            y[k] = points.get(k)[1];
        }
        XYSeries s = chart.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(render);
        s.setMarker(marker);
        s.setMarkerColor(colour);
        s.setLineColor(colour);
        s.setLineWidth(2f);
        return Optional.of(s);
    }

    /** Gives every chart the same error axis, spanning all their points, so panels compare by eye. */
    private static void sameErrorRange(XYChart... charts) {
        double lo = Double.POSITIVE_INFINITY, hi = 0;
        for (XYChart c : charts) {
            for (XYSeries s : c.getSeriesMap().values()) {
                lo = Math.min(lo, s.getYMin());
                hi = Math.max(hi, s.getYMax());
            }
        }
        if (!(hi > 0)) return;
        for (XYChart c : charts) {
            c.getStyler().setYAxisMin(lo / 1.25).setYAxisMax(hi * 1.25);
        }
    }

    /**
     * The chart as an image. A log error axis spanning more than about one decade is labelled at
     * powers of ten only: with every 2..9 labelled, the labels near the top of each decade overlap.
     */
    private static BufferedImage image(XYChart chart) {
        if (chart.getStyler().isYAxisLogarithmic()) {
            double lo = Double.POSITIVE_INFINITY, hi = 0;
            for (XYSeries series : chart.getSeriesMap().values()) {
                for (double y : series.getYData()) {
                    if (y > 0 && Double.isFinite(y)) { lo = Math.min(lo, y); hi = Math.max(hi, y); }
                }
            }
            if (chart.getStyler().getYAxisMin() != null) lo = Math.min(lo, chart.getStyler().getYAxisMin());
            if (chart.getStyler().getYAxisMax() != null) hi = Math.max(hi, chart.getStyler().getYAxisMax());
            chart.getStyler().setYAxisLogarithmicDecadeOnly(hi / lo > 15);
        }
        return BitmapEncoder.getBufferedImage(chart);
    }

    /** Two charts beside each other under one title. */
    private static BufferedImage sideBySide(String title, XYChart left, XYChart right) {
        BufferedImage a = image(left), b = image(right);
        int top = 36;
        BufferedImage out = new BufferedImage(a.getWidth() + b.getWidth(), top + Math.max(a.getHeight(), b.getHeight()),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.setRenderingHint(java.awt.RenderingHints.KEY_TEXT_ANTIALIASING, java.awt.RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 17));
        int w = g.getFontMetrics().stringWidth(title);
        g.drawString(title, (out.getWidth() - w) / 2, 25);
        g.drawImage(a, 0, top, null);
        g.drawImage(b, a.getWidth(), top, null);
        g.dispose();
        return out;
    }

    private static void write(BufferedImage image, Path file) {
        try {
            Files.createDirectories(file.getParent());
            if (!ImageIO.write(image, "png", file.toFile())) throw new IOException("no PNG writer in this JVM");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write plot " + file, e);
        }
    }
}
