package rwsweep.driver.summary;

import rwsweep.driver.sweep.NumberText;
import rwsweep.driver.sweep.LambdaPair;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
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
import rwsweep.driver.summary.PanelResults.Setting;
import rwsweep.worker.spec.TrialField;
import rwsweep.worker.spec.Task;
import rwsweep.worker.spec.TrialResult;
import rwsweep.worker.spec.TrialStatus;

/**
 * The summary's PNG plots (XChart, headless), each drawn only when the results can speak to it:
 * <ul>
 *   <li>Figure 3 (at least two g): training error against g, one colour per depth D; left every
 *       (λin, λout) pair's median, one marker per pair, right the minimum over pairs as lines;
 *   <li>Figure 4 (at least two depths): training error against D, one colour and marker per pair,
 *       the minimum over g;
 *   <li>the per-epoch training error of the best trial at each depth (the paper's stunt-net panel);
 *   <li>init diagnostics (at least two g): ln(|δ1|/|δD|) at step 0 against g per trial, a line
 *       through each depth's medians, a dashed zero line (the unbiased walk);
 *   <li>trainability map (at least two init schemes on otherwise equal panels): scheme × depth,
 *       the fraction of seeds that trained at each scheme's best setting for that depth.
 * </ul>
 * The plots show what happened, not a smoothed version of it:
 * <ul>
 *   <li>a line breaks where its series has no result ({@link #lineGrid}): a g (or D) the sweep ran
 *       for the other depths (pairs) but not for this one, or ran and every trial FAILED;
 *   <li>a point whose seeds include a DIVERGED trial carries a black cross, {@link #DIVERGED} (its
 *       error is the best it reached before the non-finite step, usually the untrained error);
 *   <li>error axes are logarithmic with a labelled tick at every decade ({@link #errorAxis}); an
 *       error of 0, which a log axis cannot show, sits in a row of its own labelled "0" at the
 *       axis floor, below a dashed line, {@link #ZERO};
 *   <li>a g axis is logarithmic when the grid is log-spaced ({@link #gAxis}).
 * </ul>
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
    /** One marker per (λin, λout) pair; the cross is not among them: it marks divergence. */
    static final Marker[] PAIR_MARKERS = {
        SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND, SeriesMarkers.TRIANGLE_UP,
        SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.TRAPEZOID, SeriesMarkers.PLUS, SeriesMarkers.OVAL,
    };

    /** The legend name of the black crosses over points with a DIVERGED seed. */
    static final String DIVERGED = "a seed diverged";
    /** The legend name of the dashed line that sets the row of errors of 0 apart from the measured decades. */
    static final String ZERO = "error 0 below";
    /** The legend name of the triangles where a (g, D) has no trained median because a seed was pruned. */
    static final String PRUNED = "pruned seed: error when stopped";

    /** How a status among a point's seeds is drawn: a marker over the point, named once in the legend. */
    record StatusMark(String legend, Marker marker, Color colour, String symbol) { }

    /**
     * The statuses drawn over the points whose seeds (or trial) include one, in drawing order; a
     * status not here (OK; FAILED has no point) is drawn as its plain point. A new status that a
     * plot must tell apart is one line here, with a marker that is not a pair's; the symbol ends
     * the trial's curve in the report's trial tables.
     */
    static final Map<TrialStatus, StatusMark> STATUS_MARKS = statusMarks();

    private static Map<TrialStatus, StatusMark> statusMarks() {
        Map<TrialStatus, StatusMark> m = new EnumMap<>(TrialStatus.class);
        m.put(TrialStatus.DIVERGED, new StatusMark(DIVERGED, SeriesMarkers.CROSS, Color.BLACK, "×"));
        return Collections.unmodifiableMap(m);
    }

    /** The points of one chart to mark, per status ({@link #STATUS_MARKS}). */
    private static final class Marks {
        private final Map<TrialStatus, List<double[]>> points = new EnumMap<>(TrialStatus.class);

        /** Marks {@code point} with every marked status among {@code trials}, once each. */
        void add(double[] point, Collection<TrialResult> trials) {
            for (TrialResult t : trials) add(point, t.status());
        }

        void add(double[] point, TrialStatus status) {
            if (!STATUS_MARKS.containsKey(status)) return;
            List<double[]> list = points.computeIfAbsent(status, k -> new ArrayList<>());
            if (list.stream().noneMatch(q -> q == point)) list.add(point);
        }

        /** The marks as scatter series, drawn last so they sit on top of the data. */
        void draw(XYChart chart) {
            STATUS_MARKS.forEach((status, m) -> series(chart, m.legend(), points.getOrDefault(status, List.of()), m.colour(),
                    m.marker(), XYSeriesRenderStyle.Scatter));
        }
    }

    private static final Color FLOOR_GREY = new Color(0x666666);
    /** Set on every series: XChart otherwise picks a line style by the series' position, which changes when the floor is inserted. */
    private static final BasicStroke SOLID = new BasicStroke(2f);
    static final BasicStroke DASHED = new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {9f, 6f}, 0f);

    private Plots() { }

    /**
     * The placeholder an error of 0 takes while a chart is built: for classifiers 1/(4n), a quarter of
     * one mistake among n training examples, below every error a chart can show (a median over an
     * even number of seeds can be 1/(2n): seeds at 0 and at one mistake); for auto-encoders
     * half the smallest positive error any trial of the panel recorded (1e-6 if none). It is never
     * drawn there: {@link #errorAxis} moves every point at or below it to the row labelled "0".
     */
    static double floor(PanelResults p) {
        if (p.panel().task() == Task.CLASSIFY) return 1.0 / (4.0 * p.trainSize());
        double min = Double.POSITIVE_INFINITY;
        for (Replicates r : p.settings().values()) {
            for (TrialResult t : r.results()) {
                for (double e : t.trainError()) if (e > 0 && e < min) min = e;
            }
        }
        return Double.isFinite(min) ? min / 2 : 1e-6;
    }

    static final String ERROR_AXIS = "training error (log scale)";

    static Optional<Plot> figure3(PanelResults p, Path dir) {
        Optional<List<XYChart>> charts = figure3Charts(p);
        if (charts.isEmpty()) return Optional.empty();
        String file = "figure3-" + p.slug() + ".png";
        Figures.save(charts.get(), "Figure 3 — " + p.label(), dir.resolve(file));
        return Optional.of(new Plot(file, "Figure 3 — " + p.label(),
                "Training error against g, one colour per depth D. Left: the median over seeds of every (λin, λout) pair, "
                        + "one marker per pair; right: the minimum over pairs, a line broken where the depth has no result. "
                        + "A black cross: a seed there diverged. A triangle: no trained median there because a seed was pruned, "
                        + "drawn at the error the furthest pruned seed had when stopped (not a trained value). "
                        + "Errors of 0: the row labelled 0, below the dashed line."));
    }

    /** Figure 3's two charts, [every pair, minimum over pairs]; empty when nothing can be drawn. */
    static Optional<List<XYChart>> figure3Charts(PanelResults p) {
        if (p.gs().size() < 2) return Optional.empty();
        double floor = floor(p);
        XYChart all = chart("all (λin, λout) pairs: median over seeds", "g", ERROR_AXIS);
        XYChart min = chart("min over (λin, λout)", "g", ERROR_AXIS);
        List<LambdaPair> pairs = new ArrayList<>(p.pairs());
        Map<Integer, Set<Double>> gsByDepth = new TreeMap<>();
        for (Setting s : p.settings().keySet()) gsByDepth.computeIfAbsent(s.depth(), k -> new TreeSet<>()).add(s.g());
        Marks marksAll = new Marks(), marksMin = new Marks();
        boolean[] anyPruned = {false};
        int i = 0;
        for (int d : p.depths()) {
            Color c = COLOURS[i++ % COLOURS.length];
            for (int k = 0; k < pairs.size(); k++) {
                List<double[]> points = new ArrayList<>();
                for (double g : p.gs()) {
                    Optional<Replicates> r = p.at(g, d, pairs.get(k)).filter(Replicates::hasError);
                    if (r.isEmpty()) continue;
                    double[] point = {g, Math.max(r.get().median(), floor)};
                    points.add(point);
                    marksAll.add(point, r.get().results());
                }
                series(all, "D=" + d + " λ " + pairs.get(k).label(), points, c, pairMarker(k), XYSeriesRenderStyle.Scatter)
                        .ifPresent(s -> s.setShowInLegend(false));
            }
            legendOnly(all, "D=" + d, c, SeriesMarkers.NONE, XYSeriesRenderStyle.Line);
            List<double[]> minima = new ArrayList<>(), prunedAtDepth = new ArrayList<>();
            for (double g : lineGrid(gsByDepth.get(d), others(gsByDepth, d))) {
                Optional<Best> b = p.bestOverPairs(g, d);
                double[] point = {g, b.map(x -> Math.max(x.error(), floor)).orElse(Double.NaN)};
                minima.add(point);
                if (b.isPresent()) {
                    marksMin.add(point, b.get().replicates().results());
                } else {
                    p.countsAt(g, d).furthestPruned().ifPresent(t -> prunedAtDepth.add(
                            new double[] {g, Math.max(Replicates.errorWhenPruned(t), floor)}));
                }
            }
            series(min, "D=" + d, minima, c, SeriesMarkers.CIRCLE, XYSeriesRenderStyle.Line);
            // a (g, D) with no trained median for a pruned seed: where the furthest stopped, its own marker, off the line
            series(min, "D=" + d + " pruned", prunedAtDepth, c, SeriesMarkers.TRIANGLE_DOWN, XYSeriesRenderStyle.Scatter)
                    .ifPresent(x -> { x.setShowInLegend(false); anyPruned[0] = true; });
        }
        if (anyPruned[0]) legendOnly(min, PRUNED, FLOOR_GREY, SeriesMarkers.TRIANGLE_DOWN, XYSeriesRenderStyle.Scatter);
        if (!hasPoint(min)) return Optional.empty();  // every trial FAILED: nothing to draw
        for (int k = 0; k < pairs.size(); k++) {
            legendOnly(all, "λ " + pairs.get(k).label(), Color.DARK_GRAY, pairMarker(k), XYSeriesRenderStyle.Scatter);
        }
        marksAll.draw(all);
        marksMin.draw(min);
        gAxis(p.gs(), all, min);
        errorAxis(floor, all, min);
        return Optional.of(List.of(all, min));
    }

    static Optional<Plot> figure4(PanelResults p, Path dir) {
        Optional<XYChart> chart = figure4Chart(p);
        if (chart.isEmpty()) return Optional.empty();
        String file = "figure4-" + p.slug() + ".png";
        Figures.save(chart.get(), dir.resolve(file));
        boolean manyG = p.gs().size() > 1;
        return Optional.of(new Plot(file, "Figure 4 — " + p.label(),
                "Training error against depth D, one colour and marker per (λin, λout) pair"
                        + (manyG ? "; each point the minimum over g of the median over seeds" : "; median over seeds")
                        + ", a line broken where the pair has no result. A black cross: a seed there diverged. "
                        + "Errors of 0: the row labelled 0, below the dashed line."));
    }

    static Optional<XYChart> figure4Chart(PanelResults p) {
        if (p.depths().size() < 2) return Optional.empty();
        double floor = floor(p);
        boolean manyG = p.gs().size() > 1;
        XYChart chart = chart("Figure 4 — " + p.label() + (manyG ? " (min over g)" : ""), "D (weight layers)", ERROR_AXIS);
        // Depths like 2..1000 squash onto a linear axis: then x is log2 D, labelled with D itself
        // (XChart's own log axis labels only 10^k, or crowds 2..9 of every decade).
        boolean log = p.depths().last() >= 8L * p.depths().first();
        if (log) {
            // Label whole powers of two, and the ends when they are not (XChart also ticks half steps: 2.828, 5.657, ...).
            chart.getStyler().setxAxisTickLabelsFormattingFunction(log2DepthLabels(p.depths().first(), p.depths().last()));
            chart.setXAxisTitle("D (weight layers, log scale)");
        }
        Map<LambdaPair, Set<Integer>> depthsByPair = new TreeMap<>();
        for (Setting s : p.settings().keySet()) depthsByPair.computeIfAbsent(s.pair(), k -> new TreeSet<>()).add(s.depth());
        Marks marks = new Marks();
        int i = 0;
        for (LambdaPair pair : p.pairs()) {
            List<double[]> points = new ArrayList<>();
            for (int d : lineGrid(depthsByPair.get(pair), others(depthsByPair, pair))) {
                double x = log ? Math.log(d) / Math.log(2) : d;
                Optional<Best> b = p.bestOverG(d, pair);
                double[] point = {x, b.map(v -> Math.max(v.error(), floor)).orElse(Double.NaN)};
                points.add(point);
                if (b.isPresent()) marks.add(point, b.get().replicates().results());
            }
            series(chart, "λin/λout = " + pair.label(), points, COLOURS[i % COLOURS.length], pairMarker(i),
                    XYSeriesRenderStyle.Line);
            i++;
        }
        if (!hasPoint(chart)) return Optional.empty();
        marks.draw(chart);
        errorAxis(floor, chart);
        return Optional.of(chart);
    }

    /**
     * Tick labels of an x axis in log2 D: whole powers of two only, since XChart also ticks half
     * steps (2.828, 5.657, ...), and those get a blank (XChart refuses ""). XChart first sizes the
     * labels by formatting the axis ends, the log2 of {@code first} and {@code last}; were both
     * blank (depths 100 to 1000: no power of two at either end) it would draw no tick at all, so
     * the ends get their depths as labels — they are no tick positions and are never drawn.
     */
    static java.util.function.Function<Double, String> log2DepthLabels(int first, int last) {
        double lo = Math.log(first) / Math.log(2), hi = Math.log(last) / Math.log(2);
        return x -> {
            if (Math.abs(x - Math.rint(x)) < 1e-9) return NumberText.compact(Math.pow(2, Math.rint(x)));
            if (x == lo) return NumberText.compact(first);
            if (x == hi) return NumberText.compact(last);
            return " "; // XChart refuses ""
        };
    }

    /** The trial with the lowest min training error at each depth (ties: the earlier minimum). */
    static Optional<Plot> curves(PanelResults p, Path dir) {
        Optional<XYChart> chart = curvesChart(p);
        if (chart.isEmpty()) return Optional.empty();
        String file = "curves-" + p.slug() + ".png";
        Figures.save(chart.get(), dir.resolve(file));
        return Optional.of(new Plot(file, "Training curves — " + p.label(),
                "Training error per epoch (epoch 0 = untrained) of the trial with the lowest training error at each depth. "
                        + "A black cross: the last epoch before the trial diverged. Errors of 0: the row labelled 0, below the dashed line."));
    }

    static Optional<XYChart> curvesChart(PanelResults p) {
        Map<Integer, TrialResult> best = new TreeMap<>();
        for (Replicates r : p.settings().values()) {
            for (TrialResult t : r.results()) {
                if (!Replicates.hasTrainedError(t)) continue;   // a pruned curve is no trained result
                TrialResult b = best.get(t.spec().depth());
                if (b == null || t.minTrainError() < b.minTrainError()
                        || (t.minTrainError() == b.minTrainError() && t.minEpoch().orElse(-1) < b.minEpoch().orElse(-1))) {
                    best.put(t.spec().depth(), t);
                }
            }
        }
        if (best.isEmpty()) return Optional.empty();
        double floor = floor(p);
        XYChart chart = chart("Best trial per depth — " + p.label(), "epoch", ERROR_AXIS);
        // One legend line per depth: the labels (depth, g, λ pair, seed) are too long to sit in one row.
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        Marks marks = new Marks();
        int i = 0;
        for (TrialResult t : best.values()) {
            double[] e = t.trainError();
            List<double[]> points = new ArrayList<>();
            for (int k = 0; k < e.length; k++) points.add(new double[] {k, Double.isNaN(e[k]) ? Double.NaN : Math.max(e[k], floor)});
            series(chart, "D=" + t.spec().depth() + " g=" + NumberText.compact(t.spec().g()) + " λ "
                    + LambdaPair.of(t.spec()).label() + " seed " + t.spec().seed(), points,
                    COLOURS[i % COLOURS.length], SeriesMarkers.NONE, XYSeriesRenderStyle.Line);
            for (int k = points.size() - 1; k >= 0; k--) {  // the status at the curve's last point
                if (!Double.isNaN(points.get(k)[1])) { marks.add(points.get(k), t.status()); break; }
            }
            i++;
        }
        marks.draw(chart);
        errorAxis(floor, chart);
        return Optional.of(chart);
    }

    static Optional<Plot> initDiagnostics(PanelResults p, Path dir) {
        if (p.gs().size() < 2) return Optional.empty();
        XYChart chart = chart("Init diagnostics — " + p.label(), "g", "ln(|δ1| / |δD|) at step 0");
        Map<Integer, Set<Double>> gsByDepth = new TreeMap<>();
        for (Setting s : p.settings().keySet()) gsByDepth.computeIfAbsent(s.depth(), k -> new TreeSet<>()).add(s.g());
        int i = 0, nonFinite = 0;
        Marks marks = new Marks();
        for (int d : p.depths()) {
            Color c = COLOURS[i % COLOURS.length];
            List<double[]> points = new ArrayList<>();
            List<double[]> medians = new ArrayList<>();
            for (double g : lineGrid(gsByDepth.get(d), others(gsByDepth, d))) {
                List<Double> ratios = new ArrayList<>();
                for (LambdaPair pair : p.pairs()) {
                    Optional<Replicates> r = p.at(g, d, pair);
                    if (r.isEmpty()) continue;
                    for (TrialResult t : r.get().results()) {
                        if (t.deltaNorms().length == 0) continue;  // FAILED: no diagnostics at all
                        if (!Double.isFinite(t.logDeltaRatio())) {
                            nonFinite++;                             // e.g. a ReLU layer with every unit off
                            continue;
                        }
                        ratios.add(t.logDeltaRatio());
                        double[] point = {g, t.logDeltaRatio()};
                        points.add(point);
                        marks.add(point, t.status());
                    }
                }
                medians.add(new double[] {g, ratios.isEmpty() ? Double.NaN
                        : Replicates.median(ratios.stream().mapToDouble(Double::doubleValue).sorted().toArray())});
            }
            series(chart, "D=" + d + " trials", points, c, SeriesMarkers.CIRCLE, XYSeriesRenderStyle.Scatter)
                    .ifPresent(s -> s.setShowInLegend(false));
            series(chart, "D=" + d, medians, c, SeriesMarkers.NONE, XYSeriesRenderStyle.Line);
            i++;
        }
        if (!hasPoint(chart)) return Optional.empty();
        marks.draw(chart);
        List<double[]> zero = List.of(new double[] {p.gs().first(), 0}, new double[] {p.gs().last(), 0});
        series(chart, "0 (unbiased walk)", zero, Color.BLACK, SeriesMarkers.NONE, XYSeriesRenderStyle.Line)
                .ifPresent(s -> s.setLineStyle(DASHED));
        gAxis(p.gs(), chart);
        String file = "init-" + p.slug() + ".png";
        Figures.save(chart, dir.resolve(file));
        return Optional.of(new Plot(file, "Init diagnostics — " + p.label(),
                "ln(|δ1|/|δD|), the log ratio of the back-propagated error norms at the first and last layer at step 0, "
                        + "against g: dots are trials (a black cross over a trial that later diverged), lines the median per depth. "
                        + "Positive: the error grows towards the input."
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
        Set<String> used = new HashSet<>();  // groups that differ in other fields share f and task
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
                ys.add(TrialField.spelling(p.panel().init()));
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
            String what = TrialField.spelling(first.activation()) + ", " + TrialField.spelling(first.task());
            HeatMapChart chart = new HeatMapChartBuilder().width(WIDTH).height(Math.max(300, 120 + 60 * group.size()))
                    .title("Trainability — " + what)
                    .xAxisTitle("D (weight layers)").yAxisTitle("init scheme (fraction of seeds trained)").build();
            style(chart);
            chart.getStyler().setShowValue(true).setMin(0).setMax(1)
                    .setRangeColors(new Color[] {new Color(0xd73027), new Color(0xfee08b), new Color(0x1a9850)})
                    .setHeatMapValueDecimalPattern("0.00");
            chart.addSeries("fraction trained", xs, ys, heat);
            String file = "trainability-" + TrialField.spelling(first.activation()) + "-" + TrialField.spelling(first.task())
                    + (used.add(what) ? "" : "-" + index) + ".png";
            Figures.save(chart, dir.resolve(file));
            plots.add(new Plot(file, "Trainability — " + what,
                    "For each init scheme and depth D: the fraction of seeds that trained at the setting (g, λin, λout) "
                            + "with the lowest median training error. Empty cells: no result."));
        }
        return plots;
    }

    /**
     * The x values a line is drawn over: its own, plus those that every other series sharing one
     * with it has. Where the line has no result at one of them it breaks (NaN), so a g the sweep
     * ran for the other depths but not (or not yet) this one shows as a gap, not as a straight line
     * over it. A g only some others have is theirs alone (refine places g per net) and breaks
     * nothing. A series that shares no x with any other (g placed around each width's own critical
     * value) keeps its own grid and joins its points.
     */
    static <T extends Comparable<T>> SortedSet<T> lineGrid(Set<T> own, Collection<Set<T>> others) {
        SortedSet<T> grid = new TreeSet<>(own);
        Set<T> common = null;
        for (Set<T> o : others) {
            if (Collections.disjoint(own, o)) continue;
            if (common == null) common = new TreeSet<>(o);
            else common.retainAll(o);
        }
        if (common != null) grid.addAll(common);
        return grid;
    }

    private static <K, T> List<Set<T>> others(Map<K, Set<T>> byKey, K key) {
        List<Set<T>> out = new ArrayList<>();
        byKey.forEach((k, v) -> { if (!k.equals(key)) out.add(v); });
        return out;
    }

    /** The colour of the i-th depth (or pair) of a chart. */
    static Color colour(int index) {
        return COLOURS[index % COLOURS.length];
    }

    private static Marker pairMarker(int index) {
        return PAIR_MARKERS[index % PAIR_MARKERS.length];
    }

    static XYChart chart(String title, String x, String y) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(x).yAxisTitle(y).build();
        style(chart);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS).setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setMarkerSize(8);
        return chart;
    }

    /** The look every rwsweep chart shares: white, light grid, sans-serif, antialiased. */
    static void style(Chart<?, ?> chart) {
        Styler s = chart.getStyler();
        s.setChartBackgroundColor(Color.WHITE).setPlotBackgroundColor(Color.WHITE).setLegendBorderColor(Color.LIGHT_GRAY);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15)).setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        s.setAntiAlias(true);
        if (s instanceof org.knowm.xchart.style.AxesChartStyler a) {
            a.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14)).setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            a.setPlotGridLinesColor(new Color(0xdddddd));
        }
    }

    static Optional<XYSeries> series(XYChart chart, String name, List<double[]> points, Color colour,
                                             Marker marker, XYSeriesRenderStyle render) {
        if (points.stream().allMatch(q -> Double.isNaN(q[1]))) return Optional.empty();
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
        s.setLineStyle(SOLID);
        s.setLineWidth(2f);
        return Optional.of(s);
    }

    /** A legend entry without points (XChart draws nothing for a NaN): a colour or a marker explained once. */
    private static void legendOnly(XYChart chart, String name, Color colour, Marker marker, XYSeriesRenderStyle render) {
        XYSeries s = chart.addSeries(name, new double[] {Double.NaN}, new double[] {Double.NaN});
        s.setXYSeriesRenderStyle(render);
        s.setMarker(marker);
        s.setMarkerColor(colour);
        s.setLineColor(colour);
        s.setLineStyle(SOLID);
        s.setLineWidth(2f);
    }

    /**
     * A log g axis when the grid's g values are log-spaced (a constant ratio, as {@code spacing: log}
     * makes them; at least three values): the critical band around g = 1 then sits mid-chart rather
     * than squeezed left. As for depth, x becomes log10 g on a linear axis with its ticks labelled
     * in g (XChart's own log axis labels only decades, and none lies inside a grid like 0.5–2);
     * call it once every series is in, and before {@link #errorAxis}.
     */
    static void gAxis(SortedSet<Double> gs, XYChart... charts) {
        boolean log = logSpaced(gs);
        for (XYChart c : charts) {
            // the grid's ends, not the data's: the panels of one figure (and a sparse, pruned one) share one g range
            if (!gs.isEmpty() && gs.first() < gs.last()) {
                c.getStyler().setXAxisMin(log ? Math.log10(gs.first()) : gs.first());
                c.getStyler().setXAxisMax(log ? Math.log10(gs.last()) : gs.last());
            }
        }
        if (!log) return;
        for (XYChart c : charts) {
            for (XYSeries s : List.copyOf(c.getSeriesMap().values())) {
                double[] x = s.getXData().clone();
                for (int k = 0; k < x.length; k++) x[k] = Math.log10(x[k]);
                c.updateXYSeries(s.getName(), x, s.getYData(), null);
            }
            c.getStyler().setxAxisTickLabelsFormattingFunction(x -> NumberText.significant2(Math.pow(10, x)));
            c.setXAxisTitle(c.getXAxisTitle() + " (log scale)");
        }
    }

    /** At least three positive values with one ratio between neighbours, and not also one difference. */
    static boolean logSpaced(SortedSet<Double> values) {
        if (values.size() < 3 || values.first() <= 0) return false;
        Double[] v = values.toArray(new Double[0]);
        double ratio = v[1] / v[0], step = v[1] - v[0];
        boolean sameRatio = true, sameStep = true;
        for (int k = 1; k + 1 < v.length; k++) {
            if (Math.abs(v[k + 1] / v[k] / ratio - 1) > 1e-3) sameRatio = false;
            if (Math.abs((v[k + 1] - v[k]) / step - 1) > 1e-3) sameStep = false;
        }
        return sameRatio && !sameStep;
    }

    private static boolean hasPoint(XYChart chart) {
        for (XYSeries s : chart.getSeriesMap().values()) {
            for (double y : s.getYData()) if (Double.isFinite(y)) return true;
        }
        return false;
    }

    /**
     * One log error axis for all {@code charts} (so the two halves of Figure 3 compare by eye),
     * from the decade at or below the smallest measured error to the decade at or above the
     * largest, every decade a labelled tick and nothing between (2..9 labels overlap). Points at or
     * below {@code floor} are errors of 0, which a log axis cannot place: they go to a row of their
     * own one decade below the lowest measured decade, its tick labelled "0" (not a value: the row
     * holds every 0 whatever n), set apart from the decades by a dashed line, {@link #ZERO}.
     *
     * <p>y becomes log10 of the error on a linear axis whose ticks are labelled with the decades
     * (XChart's log axis cannot label a tick "0"): call this last, when every series is in.
     */
    static void errorAxis(double floor, XYChart... charts) {
        double lo = Double.POSITIVE_INFINITY, hi = 0;
        boolean zero = false;
        for (XYChart c : charts) {
            for (XYSeries s : c.getSeriesMap().values()) {
                for (double y : s.getYData()) {
                    if (!Double.isFinite(y)) continue;
                    if (y <= floor) zero = true;
                    else lo = Math.min(lo, y);
                    hi = Math.max(hi, y);
                }
            }
        }
        if (!(hi > 0)) return;
        double bottom = Math.log10(decadeAtOrBelow(Double.isFinite(lo) ? lo : 1));
        double top = Math.log10(decadeAtOrAbove(Double.isFinite(lo) ? hi : 1));
        double row = bottom - 1;
        double min = (zero ? row : bottom) - Math.log10(1.3), max = top + Math.log10(1.15);
        boolean zeros = zero;
        for (XYChart c : charts) {
            for (XYSeries s : List.copyOf(c.getSeriesMap().values())) {
                double[] y = s.getYData().clone();
                for (int k = 0; k < y.length; k++) y[k] = y[k] <= floor ? row : Math.log10(y[k]);
                c.updateXYSeries(s.getName(), s.getXData(), y, null);
            }
            if (zero) floorLine(c, row + 0.5);
            // a little room past the outer ticks, so markers on them are not cut in half
            c.getStyler().setYAxisMin(min).setYAxisMax(max).setyAxisTickLabelsFormattingFunction(y -> {
                if (zeros && Math.abs(y - row) < 1e-6) return "0";
                if (Math.abs(y - Math.rint(y)) < 1e-6) return NumberText.compact(Math.pow(10, Math.rint(y)));
                // the axis ends size the labels (never drawn): a blank at both would draw no tick at all
                if (y == min || y == max) return NumberText.compact(Math.pow(10, Math.rint(y)));
                return " ";  // XChart refuses ""
            });
        }
    }

    /**
     * The dashed line across the chart between the row of zeros and the lowest decade, drawn under the data (XChart paints in insertion order, so
     * the series are taken out and put back after it) and named last in the legend.
     */
    private static void floorLine(XYChart chart, double line) {
        double xMin = Double.POSITIVE_INFINITY, xMax = Double.NEGATIVE_INFINITY;
        List<XYSeries> data = new ArrayList<>(chart.getSeriesMap().values());
        for (XYSeries s : data) {
            for (double x : s.getXData()) {
                if (Double.isFinite(x)) { xMin = Math.min(xMin, x); xMax = Math.max(xMax, x); }
            }
        }
        // across the axis where its ends are set (gAxis: the grid's), else across the data
        if (chart.getStyler().getXAxisMin() != null) xMin = chart.getStyler().getXAxisMin();
        if (chart.getStyler().getXAxisMax() != null) xMax = chart.getStyler().getXAxisMax();
        for (XYSeries s : data) chart.removeSeries(s.getName());
        series(chart, ZERO + " line", List.of(new double[] {xMin, line}, new double[] {xMax, line}), FLOOR_GREY,
                SeriesMarkers.NONE, XYSeriesRenderStyle.Line).ifPresent(s -> s.setLineStyle(DASHED).setShowInLegend(false));
        for (XYSeries s : data) {
            XYSeries copy = chart.addSeries(s.getName(), s.getXData(), s.getYData());
            copy.setXYSeriesRenderStyle(s.getXYSeriesRenderStyle());
            copy.setMarker(s.getMarker());
            copy.setMarkerColor(s.getMarkerColor());
            copy.setLineColor(s.getLineColor());
            copy.setLineStyle(s.getLineStyle());
            copy.setLineWidth(s.getLineWidth());
            copy.setShowInLegend(s.isShowInLegend());
        }
        legendOnly(chart, ZERO, FLOOR_GREY, SeriesMarkers.NONE, XYSeriesRenderStyle.Line);
        chart.getSeriesMap().get(ZERO).setLineStyle(DASHED);
    }

    /** 10^k for the largest k with 10^k ≤ v (1e-9 absorbs log10's rounding at exact powers). */
    static double decadeAtOrBelow(double v) {
        return Math.pow(10, Math.floor(Math.log10(v) + 1e-9));
    }

    /** 10^k for the smallest k with 10^k ≥ v. */
    static double decadeAtOrAbove(double v) {
        return Math.pow(10, Math.ceil(Math.log10(v) - 1e-9));
    }
}
